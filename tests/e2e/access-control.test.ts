import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { ROLE_PERMISSIONS, roleHasPermission, isPermission } from "../../app/modules/access-control/permissions";
import { computeBlindIndex } from "../../app/modules/crypto/compute-blind-index.server";
import { encryptSecret } from "../../app/modules/crypto/encrypt-secret.server";
import { parseEncryptionKeys } from "../../app/modules/crypto/parse-encryption-keys";
import { ROLES, type Role } from "../../app/modules/data-map/roles";
import { createEmptyShopSeed, DEMO_IDS, DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import { mintSessionToken } from "../../dev/session-token";
import { REPO_ROOT, type AppProcess } from "../support/app-process";
import { BROWSER_USER_AGENT, launchChromium } from "../support/browser";
import { dumpDatabase } from "../support/dump-database";
import { startAppStack, type AppStack } from "../support/app-stack";
import { testBackend } from "../support/test-database";
import { readRouteManifest, type ManifestRoute, type RouteHandler } from "../support/route-manifest";


const SHOP_A = DEMO_SHOP_DOMAIN;
const SHOP_B = "candor-elsewhere.myshopify.com";
/** Staff user ids (the session token's `sub`); the viewer's is above 2^53, as Shopify's can be. */
const USERS: Record<Role, string> = {
  owner: DEMO_OWNER_USER_ID,
  admin: "90000000201",
  support: "90000000202",
  marketing: "90000000203",
  viewer: "9007199254740993",
};

const ADA = DEMO_IDS.customers.ada;
const ADA_GID = `gid://shopify/Customer/${ADA}`;
const ORDER_NUMBER = DEMO_IDS.orders.adaFulfilled;
const ORDER_GID = `gid://shopify/Order/${ORDER_NUMBER}`;
const AUTHOR = "Canary Reviewer";
const REVIEW_TEXT = "Canary text of a review";
const DAY_MS = 86_400_000;

/**
 * Every route of the built server (read from the build's route manifest) is called as every
 * role and answers 403 exactly when the role lacks the permission the route declares; a route
 * that declares nothing fails. Then a second shop calls every guarded route with the first
 * shop's ids and gets none of its data (404 where the id names a row), and the first shop's
 * data is unchanged.
 */
describe("access control on every route (built server, real database)", () => {
  let stack: AppStack;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let fakeShopify: FakeShopify;
  let routes: ManifestRoute[];
  let browser: Browser | undefined;
  const ids = { request: randomUUID(), requestUnderBKey: randomUUID(), review: randomUUID(), dataRequest: randomUUID() };
  const canaries: string[] = [];
  /** Shop B's own key for the customer (B's register entries carry it); filed under shop A only as a trap. */
  let customerRefAsB = "";

  const token = (shop: string, userId: string) => mintSessionToken({ apiKey: env.SHOPIFY_API_KEY!, apiSecret: env.SHOPIFY_API_SECRET!, shop, userId });

  /**
   * Calls one handler the way its client does: admin routes as App Bridge's authenticated
   * single-fetch requests (`.data`), the rest as plain HTTP; actions are POSTs.
   */
  async function call(route: ManifestRoute, handler: RouteHandler, shop: string, userId: string, body?: Record<string, string>, query = ""): Promise<Response> {
    const headers = { Authorization: `Bearer ${await token(shop, userId)}`, "User-Agent": BROWSER_USER_AGENT };
    if (route.admin) {
      const dataPath = `${route.path === "/" ? "/_root" : route.path}.data`;
      const params = new URLSearchParams(query);
      if (handler === "loader") params.set("_routes", route.id);
      else if (route.index) params.set("index", "");
      const url = `${web.url}${dataPath}?${params}`;
      if (handler === "loader") return fetch(url, { headers });
      return fetch(url, { method: "POST", headers, body: new URLSearchParams(body ?? { probe: "1" }) });
    }
    const url = `${web.url}${route.path}${query ? `?${query}` : ""}`;
    if (handler === "loader") return fetch(url, { headers, redirect: "manual" });
    return fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}), redirect: "manual" });
  }

  const routeById = (id: string) => {
    const route = routes.find((candidate) => candidate.id === id);
    if (!route) throw new Error(`no route ${id} in the manifest`);
    return route;
  };

  async function installShop(shop: string): Promise<void> {
    const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
    const idToken = await token(shop, USERS.owner);
    const response = await fetch(`${web.url}/app?${new URLSearchParams({ embedded: "1", shop, host, id_token: idToken })}`, { headers: { "User-Agent": BROWSER_USER_AGENT } });
    expect(response.status).toBe(200);
  }

  /** What shop A holds, row by row, to show that nothing another shop did changed it. */
  async function shopAState() {
    const where = { shopId: SHOP_A };
    return JSON.stringify(
      await Promise.all([
        db.reviewRequest.findMany({ where, orderBy: { id: "asc" } }),
        db.review.findMany({ where, orderBy: { id: "asc" } }),
        db.dataRequest.findMany({ where, orderBy: { id: "asc" } }),
        db.suppression.findMany({ where, orderBy: { id: "asc" } }),
        db.staffMember.findMany({ where, orderBy: { userId: "asc" }, select: { userId: true, role: true, assignedBy: true } }),
        db.shopSettings.findMany({ where }),
        db.apiKey.findMany({ where, orderBy: { id: "asc" } }),
      ]),
    );
  }

  beforeAll(async () => {
    routes = await readRouteManifest();
    const apiKey = "candor-e2e-key";
    const apiSecret = `e2e-secret-${process.pid}`;
    fakeShopify = await startFakeShopify({ apiKey, apiSecret });
    fakeShopify.addShop(createEmptyShopSeed(SHOP_B));
    stack = await startAppStack({ SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_FAKE_ORIGIN: fakeShopify.url, RUN_WORKERS_IN_WEB: "true", CANDOR_DEMO: "true" });
    ({ db, env, web } = stack);
    await installShop(SHOP_A);
    await installShop(SHOP_B);

    const blindKey = Buffer.from(env.BLIND_INDEX_KEY!, "base64");
    const customerRefA = computeBlindIndex(blindKey, SHOP_A, "customer", ADA_GID);
    // Shop A's row filed under the very key shop B computes for the same customer: only the
    // shop in every query keeps it from B.
    customerRefAsB = computeBlindIndex(blindKey, SHOP_B, "customer", ADA_GID);
    canaries.push(ORDER_NUMBER, ADA, AUTHOR, REVIEW_TEXT, customerRefA, customerRefAsB, ids.request, ids.requestUnderBKey, ids.review, ids.dataRequest);
    const now = Date.now();
    const product = `gid://shopify/Product/${DEMO_IDS.products.beanie}`;
    await db.reviewRequest.createMany({
      data: [
        { id: ids.request, shopId: SHOP_A, orderId: ORDER_GID, groupKey: "order", productIds: JSON.stringify([product]), customerRef: customerRefA, status: "sent", dueAt: new Date(now - 5 * DAY_MS), sentAt: new Date(now - 5 * DAY_MS) },
        { id: ids.requestUnderBKey, shopId: SHOP_A, orderId: "gid://shopify/Order/7340000000000000777", groupKey: "order", productIds: JSON.stringify([product]), customerRef: customerRefAsB, status: "scheduled", dueAt: new Date(now + 3 * DAY_MS) },
      ],
    });
    const keyring = parseEncryptionKeys(env.ENCRYPTION_KEYS!);
    await db.review.create({
      data: {
        id: ids.review,
        shopId: SHOP_A,
        reviewRequestId: ids.request,
        orderId: ORDER_GID,
        productId: product,
        rating: 4,
        body: REVIEW_TEXT,
        displayName: encryptSecret(AUTHOR, keyring, { table: "Review", column: "displayName", rowId: ids.review }),
        status: "pending",
      },
    });
    await db.dataRequest.create({
      data: { id: ids.dataRequest, shopId: SHOP_A, kind: "access", source: "shopify_webhook", customerRef: customerRefA, status: "pending", requestedBy: "shopify", dueAt: new Date(now + 20 * DAY_MS) },
    });

    // Every staff member opens Candor once (first sight: viewer), then the owner gives the roles on the Staff screen.
    const layout = routeById("routes/app");
    for (const role of ROLES) expect((await call(layout, "loader", SHOP_A, USERS[role])).status).toBe(200);
    for (const role of ["admin", "support", "marketing"] as const) {
      const assigned = await call(routeById("routes/app.staff"), "action", SHOP_A, USERS.owner, { userId: USERS[role], role });
      expect(assigned.status).toBe(200);
    }
    expect(Object.fromEntries((await db.staffMember.findMany({ where: { shopId: SHOP_A } })).map((member) => [member.userId, member.role]))).toEqual(
      Object.fromEntries(ROLES.map((role) => [USERS[role], role])),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await fakeShopify?.close();
  });

  it("finds every route in the build's manifest, and every handler declares what it needs", () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((route) => route.id)).toContain("routes/app.staff");
    const undeclared = routes.flatMap((route) => route.handlers.filter((handler) => route.permissions?.[handler] === undefined).map((handler) => `${route.id} ${handler}`));
    expect(undeclared).toEqual([]);
    for (const route of routes) {
      for (const handler of route.handlers) {
        const access = route.permissions![handler]!;
        if (typeof access === "string") expect(isPermission(access), `${route.id} ${handler}: ${access}`).toBe(true);
        else expect(access.reason.length, `${route.id} ${handler} gives a reason`).toBeGreaterThan(10);
      }
    }
    // Nothing under the admin or the JSON API is left open, apart from the API's 404 and 405 answers.
    const openAdmin = routes.filter((route) => route.admin && route.handlers.some((handler) => typeof route.permissions![handler] !== "string"));
    expect(openAdmin.map((route) => route.id)).toEqual([]);
  });

  it("answers 403 exactly when the caller's role lacks the route's permission, for every route, handler and role", async () => {
    const mismatches: string[] = [];
    let guardedCalls = 0;
    for (const route of routes) {
      for (const handler of route.handlers) {
        const access = route.permissions?.[handler];
        if (access === undefined) {
          mismatches.push(`${route.id} ${handler}: declares no permission`);
          continue;
        }
        for (const role of ROLES) {
          const response = await call(route, handler, SHOP_A, USERS[role]);
          const text = await response.text();
          if (typeof access !== "string") {
            if (response.status === 403 || response.status >= 500) mismatches.push(`${route.id} ${handler} as ${role}: ${response.status} on an open route`);
            continue;
          }
          guardedCalls += 1;
          const allowed = roleHasPermission(role, access);
          const ok = allowed ? response.status !== 403 && response.status !== 401 && response.status < 500 : response.status === 403;
          if (!ok) mismatches.push(`${route.id} ${handler} (${access}) as ${role}: ${response.status} ${text.slice(0, 200)}`);
          if (!allowed && !text.includes(access)) mismatches.push(`${route.id} ${handler} as ${role}: the 403 does not name ${access}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(guardedCalls).toBeGreaterThanOrEqual(15 * ROLES.length);
  });

  it("never gives the marketing role a customer identifier, an order, a review's author or text, in any response it may get", async () => {
    // The same shop's owner does see them, so the check below can fail.
    const ownerView = await (await call(routeById("routes/app.reviews"), "loader", SHOP_A, USERS.owner)).text();
    expect(ownerView).toContain(AUTHOR);
    expect(await (await call(routeById("routes/app.review-requests"), "loader", SHOP_A, USERS.owner)).text()).toContain(ORDER_NUMBER);

    const leaks: string[] = [];
    let allowedCalls = 0;
    for (const route of routes) {
      for (const handler of route.handlers) {
        const access = route.permissions![handler]!;
        if (typeof access !== "string" || !ROLE_PERMISSIONS.marketing.includes(access)) continue;
        const response = await call(route, handler, SHOP_A, USERS.marketing);
        expect(response.status, `${route.id} ${handler}`).not.toBe(403);
        allowedCalls += 1;
        const text = await response.text();
        for (const canary of canaries) if (text.includes(canary)) leaks.push(`${route.id} ${handler} shows ${canary}`);
      }
    }
    expect(allowedCalls).toBeGreaterThanOrEqual(5);
    expect(leaks).toEqual([]);
  });

  it("keeps an admin from demoting the owner, and the last owner from losing the role", async () => {
    const staff = routeById("routes/app.staff");
    const byAdmin = await call(staff, "action", SHOP_A, USERS.admin, { userId: USERS.owner, role: "viewer" });
    expect(byAdmin.status).toBe(403);
    const promote = await call(staff, "action", SHOP_A, USERS.admin, { userId: USERS.viewer, role: "owner" });
    expect(promote.status).toBe(403);
    const lastOwner = await call(staff, "action", SHOP_A, USERS.owner, { userId: USERS.owner, role: "admin" });
    expect(lastOwner.status).toBe(409);
    const unknown = await call(staff, "action", SHOP_A, USERS.owner, { userId: "12345", role: "admin" });
    expect(unknown.status).toBe(404);
    expect((await db.staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId: SHOP_A, userId: USERS.owner } } })).role).toBe("owner");
    expect((await db.staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId: SHOP_A, userId: USERS.viewer } } })).role).toBe("viewer");
  });

  it("gives another shop none of this shop's data on any guarded route, answers 404 for this shop's row ids, and changes nothing here", async () => {
    const keyOfA = "key_00000000000000a1";
    await db.apiKey.create({
      data: { id: keyOfA, shopId: SHOP_A, label: "Shop A helpdesk", secretHash: "0".repeat(64), permissions: '["data-map:read"]', createdBy: USERS.owner, expiresAt: new Date(Date.now() + DAY_MS) },
    });
    canaries.push(keyOfA, "Shop A helpdesk");
    const before = await shopAState();
    const lookup = { by: "customerId", value: ADA };
    /**
     * Shop B's owner (the same Shopify user owns both stores) calls each guarded handler with
     * shop A's ids. `status` is the answer expected; every answer must be free of A's data.
     */
    const probes: Record<string, Array<{ body?: Record<string, string>; query?: string; status?: number }>> = {
      "routes/app loader": [{}],
      "routes/app._index loader": [{}],
      "routes/app.review-requests loader": [{}],
      "routes/app.reviews loader": [{}, { query: `product=${DEMO_IDS.products.beanie}` }],
      "routes/app.reviews action": [
        { body: { intent: "publish", reviewId: ids.review }, status: 404 },
        { body: { intent: "reject", reviewId: ids.review, reason: "not ours" }, status: 404 },
      ],
      "routes/app.customer-data loader": [{}],
      "routes/app.customer-data action": [
        { body: { intent: "lookup", ...lookup }, status: 404 },
        { body: { intent: "lookup", by: "orderId", value: ORDER_NUMBER }, status: 404 },
        { body: { intent: "erase", ...lookup }, status: 404 },
      ],
      "routes/app.customer-data.export loader": [{ status: 405 }],
      "routes/app.customer-data.export action": [
        { body: { ...lookup, format: "json" }, status: 404 },
        { body: { by: "orderId", value: ORDER_NUMBER, format: "csv" }, status: 404 },
      ],
      "routes/app.data-requests loader": [{}],
      "routes/app.settings loader": [{}],
      "routes/app.settings action": [{ status: 422 }],
      "routes/app.staff loader": [{}],
      "routes/app.security loader": [{}],
      "routes/app.staff action": [{ body: { userId: USERS.support, role: "viewer" }, status: 404 }],
      "routes/app.privacy-notice loader": [{}],
      "routes/api.v1.privacy-notice loader": [{}, { query: "lang=de" }],
      "routes/app.audit-log loader": [{}, { query: `actor=${USERS.owner}` }],
      "routes/app.audit-log.export loader": [{ status: 405 }],
      "routes/app.audit-log.export action": [{ body: { actor: USERS.owner } }],
      "routes/app.api-keys loader": [{}],
      "routes/app.api-keys action": [{ body: { intent: "revoke", keyId: keyOfA }, status: 404 }],
      "routes/app.access-review loader": [{}],
      "routes/app.access-review action": [
        { body: { intent: "revoke-key", keyId: keyOfA }, status: 404 },
        { body: { intent: "remove-staff", userId: USERS.support }, status: 404 },
      ],
      "routes/api.v1.customers.inventory loader": [
        { query: `customerId=${ADA}`, status: 404 },
        { query: `orderId=${ORDER_NUMBER}`, status: 404 },
      ],
      "routes/api.v1.customers.export loader": [
        { query: `customerId=${ADA}`, status: 404 },
        { query: `orderId=${ORDER_NUMBER}&format=csv`, status: 404 },
      ],
      "routes/api.v1.customers.erase action": [
        { body: { customerId: ADA }, status: 404 },
        { body: { orderId: ORDER_NUMBER }, status: 404 },
      ],
      "routes/api.v1.data-requests loader": [{}],
      "routes/api.v1.data-map loader": [{}],
    };
    const guarded = routes.flatMap((route) => route.handlers.filter((handler) => typeof route.permissions![handler] === "string").map((handler) => `${route.id} ${handler}`));
    expect(guarded.filter((key) => !(key in probes))).toEqual([]);

    const problems: string[] = [];
    for (const key of guarded) {
      const [id, handler] = key.split(" ") as [string, RouteHandler];
      for (const probe of probes[key]!) {
        const response = await call(routeById(id), handler, SHOP_B, USERS.owner, probe.body, probe.query);
        const text = await response.text();
        const expected = probe.status ?? 200;
        if (response.status !== expected) problems.push(`${key} ${JSON.stringify(probe)}: ${response.status}, expected ${expected}: ${text.slice(0, 200)}`);
        // An id the caller sent may come back in the answer (a lookup names what was looked up); nothing else of A's may.
        // B's audit log records B's own lookups, so there any id B sent in any probe may appear.
        const sent = id.startsWith("routes/app.audit-log") ? JSON.stringify(probes) : JSON.stringify(probe);
        for (const canary of canaries) if (!sent.includes(canary) && canary !== customerRefAsB && text.includes(canary)) problems.push(`${key} ${sent} shows shop A's ${canary}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await shopAState()).toBe(before);
    // A's customer and order are unknown to B's shop: nothing was entered in B's register for them.
    const bRegister = await db.dataRequest.findMany({ where: { shopId: SHOP_B } });
    expect(bRegister.filter((entry) => entry.source !== "shopify_webhook")).toEqual([]);
  });

  it("shows a refused page as a page in the admin, and the navigation only the screens the role opens", async () => {
    const host = Buffer.from("admin.shopify.com/store/candor-demo").toString("base64url");
    const open = async (path: string, role: Role) =>
      fetch(`${web.url}${path}?${new URLSearchParams({ embedded: "1", shop: SHOP_A, host, id_token: await token(SHOP_A, USERS[role]) })}`, {
        headers: { "User-Agent": BROWSER_USER_AGENT },
      });
    const refused = await open("/app/reviews", "marketing");
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain("Not available to your role");
    expect(html).toContain("reviews:read");
    expect(html).not.toContain(AUTHOR);

    const navigation = async (role: Role) => /<ui-nav-menu[\s\S]*?<\/ui-nav-menu>/.exec(await (await open("/app", role)).text())?.[0] ?? "";
    const marketingMenu = await navigation("marketing");
    expect(marketingMenu).toContain('href="/app/settings"');
    for (const hidden of ["/app/reviews", "/app/customer-data", "/app/data-requests", "/app/review-requests", "/app/staff", "/app/security"]) {
      expect(marketingMenu).not.toContain(`href="${hidden}"`);
    }
    expect(await navigation("owner")).toContain('href="/app/staff"');
  });

  it("writes lastSeenAt at most every few minutes", async () => {
    const where = { shopId_userId: { shopId: SHOP_A, userId: USERS.support } };
    const layout = routeById("routes/app");
    const longAgo = new Date(Date.now() - 60 * 60_000);
    await db.staffMember.update({ where, data: { lastSeenAt: longAgo } });
    expect((await call(layout, "loader", SHOP_A, USERS.support)).status).toBe(200);
    const seen = (await db.staffMember.findUniqueOrThrow({ where })).lastSeenAt;
    expect(seen.getTime()).toBeGreaterThan(longAgo.getTime() + 50 * 60_000);
    expect((await call(layout, "loader", SHOP_A, USERS.support)).status).toBe(200);
    expect((await db.staffMember.findUniqueOrThrow({ where })).lastSeenAt.getTime()).toBe(seen.getTime());
  });

  it("keeps Shopify's online tokens and the staff's names and emails out of the database", async () => {
    const online = fakeShopify.tokens(SHOP_A).filter((issued) => issued.kind === "online");
    // Online token exchanges happen on first sight only (a page's parallel loaders may race to it),
    // not on each of the hundreds of requests above.
    expect([...new Set(online.map((issued) => issued.userId))].sort()).toEqual(ROLES.map((role) => USERS[role]).sort());
    expect(online.length).toBeLessThanOrEqual(2 * ROLES.length);
    const raw = await dumpDatabase(db, stack.database.url);
    expect(raw).toContain(USERS.viewer);
    for (const issued of online) expect(raw).not.toContain(issued.accessToken);
    expect(raw).not.toMatch(/Robin|owner@candor-demo\.example\.com|staff-\d+@example\.com/);
  });

  it("lets the owner change a staff member's role on the Staff screen (Chromium)", async () => {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: BROWSER_USER_AGENT });
    // Shopify's App Bridge script exists only inside Shopify admin; the demo's stand-in adds the session token.
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    expect((await page.goto(`${web.url}/demo/open?shop=${SHOP_A}`))?.status()).toBe(200);
    await page.getByRole("link", { name: "Staff", exact: true }).click();
    await page.getByRole("heading", { name: "Staff", exact: true }).waitFor();
    const picker = page.getByLabel(`Role of staff member ${USERS.marketing}`);
    expect(await picker.inputValue()).toBe("marketing");
    await picker.selectOption({ label: "Support" });
    await expect
      .poll(async () => (await db.staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId: SHOP_A, userId: USERS.marketing } } })).role)
      .toBe("support");
    // The owner's own role cannot be lost while they are the only owner: the screen says why.
    await page.getByLabel(`Role of staff member ${USERS.owner}`).selectOption({ label: "Admin" });
    await page.getByText("The shop's last owner keeps the owner role").waitFor();
    const dir = path.join(REPO_ROOT, "test-results");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `admin-staff-${testBackend()}.png`), fullPage: true });
    expect(await page.content()).not.toMatch(/Robin|@candor-demo\.example\.com/);
    await page.close();
    const restored = await call(routeById("routes/app.staff"), "action", SHOP_A, USERS.owner, { userId: USERS.marketing, role: "marketing" });
    expect(restored.status).toBe(200);
  });

  it("lets a staff member's role change take effect on their next request", async () => {
    const erase = routeById("routes/api.v1.customers.erase");
    const staff = routeById("routes/app.staff");
    expect((await call(erase, "action", SHOP_A, USERS.viewer, { customerId: randomBytes(4).readUInt32BE().toString() })).status).toBe(403);
    expect((await call(staff, "action", SHOP_A, USERS.owner, { userId: USERS.viewer, role: "support" })).status).toBe(200);
    // Let through now: the unknown customer is a 404 from the erasure itself, no longer the guard's 403.
    expect((await call(erase, "action", SHOP_A, USERS.viewer, { customerId: "1" })).status).toBe(404);
    expect((await call(staff, "action", SHOP_A, USERS.owner, { userId: USERS.viewer, role: "viewer" })).status).toBe(200);
    const member = await db.staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId: SHOP_A, userId: USERS.viewer } } });
    expect(member).toMatchObject({ role: "viewer", assignedBy: `staff:${USERS.owner}`, accountOwner: false });
  });
});
