import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { DEMO_IDS, DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import { mintSessionToken } from "../../dev/session-token";
import type { AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { BROWSER_USER_AGENT } from "../support/browser";

const SHOP = DEMO_SHOP_DOMAIN;
const ADA = DEMO_IDS.customers.ada;

/**
 * API keys on the built server: the owner creates keys with chosen permissions from the admin
 * (shown once, stored hashed); `/api/v1/` accepts them with the same guards as staff; an
 * expired, revoked or under-permissioned key is refused (401/403) and the refusal is in the
 * audit log, as are the key's creation and revocation.
 */
describe("API keys for support tooling (built server, real database)", () => {
  let stack: AppStack;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let fakeShopify: FakeShopify;

  const ownerToken = () => mintSessionToken({ apiKey: env.SHOPIFY_API_KEY!, apiSecret: env.SHOPIFY_API_SECRET!, shop: SHOP, userId: DEMO_OWNER_USER_ID });

  async function adminAction(body: URLSearchParams) {
    const response = await fetch(`${web.url}/app/api-keys.data`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await ownerToken()}`, "User-Agent": BROWSER_USER_AGENT },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  async function createKey(label: string, permissions: string[], expiresInDays = 30): Promise<{ id: string; token: string }> {
    const body = new URLSearchParams({ intent: "create", label, expiresInDays: String(expiresInDays) });
    for (const permission of permissions) body.append("permissions", permission);
    const { status, text } = await adminAction(body);
    expect(status).toBe(200);
    const token = /cndr_key_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    expect(token, text).toBeDefined();
    return { id: token!.slice("cndr_".length, "cndr_".length + 20), token: token! };
  }

  const api = (path: string, token: string) => fetch(`${web.url}/api/v1/${path}`, { headers: { Authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const apiKey = "candor-e2e-key";
    const apiSecret = `e2e-secret-${process.pid}`;
    fakeShopify = await startFakeShopify({ apiKey, apiSecret });
    stack = await startAppStack({ SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_FAKE_ORIGIN: fakeShopify.url, RUN_WORKERS_IN_WEB: "true", CANDOR_DEMO: "true" });
    ({ db, env, web } = stack);
    const host = Buffer.from(`admin.shopify.com/store/${SHOP.replace(".myshopify.com", "")}`).toString("base64url");
    const opened = await fetch(`${web.url}/app?${new URLSearchParams({ embedded: "1", shop: SHOP, host, id_token: await ownerToken() })}`, { headers: { "User-Agent": BROWSER_USER_AGENT } });
    expect(opened.status).toBe(200);
  });

  afterAll(async () => {
    await stack?.stop();
    await fakeShopify?.close();
  });

  it("creates a key shown once and stored only as a hash, and the API accepts it within its permissions", async () => {
    const key = await createKey("Helpdesk", ["customer-data:lookup", "data-map:read"]);
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.apiKey.findMany())).not.toContain(key.token.split("_").at(-1));
    expect(JSON.parse(stored.permissions)).toEqual(["customer-data:lookup", "data-map:read"]);

    const inventory = await api(`customers/inventory?customerId=${ADA}`, key.token);
    expect(inventory.status).toBe(200);
    expect(((await inventory.json()) as { shop: string }).shop).toBe(SHOP);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();

    const viewed = await db.auditEntry.findFirst({ where: { shopId: SHOP, action: "customer-data.viewed", actorKind: "api_key", actorId: key.id } });
    expect(viewed).toMatchObject({ outcome: "allowed", targetRef: `gid://shopify/Customer/${ADA}` });
    expect(await db.auditEntry.count({ where: { shopId: SHOP, action: "api-key.created", targetRef: key.id, actorId: DEMO_OWNER_USER_ID } })).toBe(1);
  });

  it("answers 403 to a key without the endpoint's permission, and logs the refusal", async () => {
    const key = await createKey("Data map reader", ["data-map:read"]);
    const refused = await api(`customers/inventory?customerId=${ADA}`, key.token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden", details: { permission: "customer-data:lookup" } } });
    const entry = await db.auditEntry.findFirst({ where: { shopId: SHOP, action: "access.denied", actorId: key.id } });
    expect(entry).toMatchObject({ actorKind: "api_key", outcome: "denied", targetRef: "/api/v1/customers/inventory" });
    expect(entry!.requestId).toMatch(/^[\w.-]{8,80}$/);
    expect((await api("data-map", key.token)).status).toBe(200);
  });

  it("answers 401 to a revoked key and to an expired one, and logs both refusals", async () => {
    const revoked = await createKey("Old helpdesk", ["customer-data:lookup"]);
    expect((await adminAction(new URLSearchParams({ intent: "revoke", keyId: revoked.id }))).status).toBe(200);
    const afterRevoke = await api(`customers/inventory?customerId=${ADA}`, revoked.token);
    expect(afterRevoke.status).toBe(401);
    expect(await afterRevoke.json()).toMatchObject({ error: { code: "unauthorized", message: "The API key has been revoked." } });

    const expired = await createKey("Trial tool", ["customer-data:lookup"], 1);
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const afterExpiry = await api(`customers/inventory?customerId=${ADA}`, expired.token);
    expect(afterExpiry.status).toBe(401);
    expect(await afterExpiry.json()).toMatchObject({ error: { message: "The API key has expired." } });

    const refusals = await db.auditEntry.findMany({ where: { shopId: SHOP, action: "api-key.refused" }, orderBy: { occurredAt: "asc" } });
    expect(refusals.map((entry) => [entry.actorId, entry.outcome, JSON.parse(entry.details).reason])).toEqual([
      [revoked.id, "denied", "revoked"],
      [expired.id, "denied", "expired"],
    ]);
    expect(await db.auditEntry.count({ where: { shopId: SHOP, action: "api-key.revoked", targetRef: revoked.id } })).toBe(1);
    // Nothing was read for either: no view entry carries their ids.
    expect(await db.auditEntry.count({ where: { action: "customer-data.viewed", actorId: { in: [revoked.id, expired.id] } } })).toBe(0);
  });

  it("refuses forged and unknown keys without touching any shop's log", async () => {
    const key = await createKey("Probe", ["data-map:read"]);
    const before = await db.auditEntry.count();
    const forged = `${key.token.slice(0, -4)}AAAA`;
    expect((await api("data-map", forged)).status).toBe(401);
    expect((await api("data-map", "cndr_key_0000000000000000_" + "A".repeat(43))).status).toBe(401);
    expect(await db.auditEntry.count()).toBe(before);
  });

  it("does not let another shop revoke this shop's key", async () => {
    const key = await createKey("Kept", ["data-map:read"]);
    const otherShop = "candor-elsewhere.myshopify.com";
    const otherToken = await mintSessionToken({ apiKey: env.SHOPIFY_API_KEY!, apiSecret: env.SHOPIFY_API_SECRET!, shop: otherShop, userId: DEMO_OWNER_USER_ID });
    const response = await fetch(`${web.url}/app/api-keys.data`, {
      method: "POST",
      headers: { Authorization: `Bearer ${otherToken}`, "User-Agent": BROWSER_USER_AGENT },
      body: new URLSearchParams({ intent: "revoke", keyId: key.id }),
    });
    expect(response.status).not.toBe(200);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
  });

  it("access review: lists roles and keys, removes a departed member's role and a key in one click each, and clears the overview's reminder", async () => {
    const departed = "90000000777";
    const departedToken = await mintSessionToken({ apiKey: env.SHOPIFY_API_KEY!, apiSecret: env.SHOPIFY_API_SECRET!, shop: SHOP, userId: departed });
    // First sight makes them a viewer; the owner then gives them support.
    expect((await fetch(`${web.url}/app.data?_routes=routes/app`, { headers: { Authorization: `Bearer ${departedToken}`, "User-Agent": BROWSER_USER_AGENT } })).status).toBe(200);
    const post = (path: string, body: Record<string, string>) =>
      ownerToken().then((token) =>
        fetch(`${web.url}${path}.data`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_USER_AGENT }, body: new URLSearchParams(body) }),
      );
    expect((await post("/app/staff", { userId: departed, role: "support" })).status).toBe(200);
    const key = await createKey("Departed tool", ["data-map:read"]);

    await db.shop.update({ where: { id: SHOP }, data: { installedAt: new Date(Date.now() - 100 * 86_400_000) } });
    const overview = async () => {
      const response = await fetch(`${web.url}/app.data?_routes=routes/app._index`, { headers: { Authorization: `Bearer ${await ownerToken()}`, "User-Agent": BROWSER_USER_AGENT } });
      return response.text();
    };
    expect(await overview()).toMatch(/"due",true/);

    const page = await fetch(`${web.url}/app/access-review.data?_routes=routes/app.access-review`, { headers: { Authorization: `Bearer ${await ownerToken()}`, "User-Agent": BROWSER_USER_AGENT } });
    const listed = await page.text();
    expect(listed).toContain(departed);
    expect(listed).toContain(key.id);

    expect((await post("/app/access-review", { intent: "remove-staff", userId: departed })).status).toBe(200);
    expect((await db.staffMember.findFirstOrThrow({ where: { shopId: SHOP, userId: departed } })).role).toBe("viewer");
    expect((await post("/app/access-review", { intent: "revoke-key", keyId: key.id })).status).toBe(200);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    expect((await post("/app/access-review", { intent: "complete" })).status).toBe(200);
    expect(await overview()).toMatch(/"due",false/);

    const trail = await db.auditEntry.findMany({ where: { shopId: SHOP, targetRef: { in: [departed, key.id, "all"] } }, orderBy: { occurredAt: "asc" } });
    expect(trail.map((entry) => [entry.action, entry.targetRef, entry.details])).toEqual([
      ["role.changed", departed, JSON.stringify({ from: "viewer", to: "support" })],
      ["api-key.created", key.id, expect.any(String)],
      ["role.changed", departed, JSON.stringify({ from: "support", to: "viewer" })],
      ["api-key.revoked", key.id, "{}"],
      ["access-review.completed", "all", expect.stringMatching(/"staffCount":2/)],
    ]);
  });
});
