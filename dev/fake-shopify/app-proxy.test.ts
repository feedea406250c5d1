import "@shopify/shopify-api/adapters/node";

import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { appProxySignedString, DEMO_SHOP_DOMAIN, signAppProxyQuery, startFakeShopify, type FakeShopify } from "./index";

const API_KEY = "test-api-key";
const API_SECRET = "test-api-secret";
const SHOP = DEMO_SHOP_DOMAIN;

interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

const REVIEW_PAGE = `<!doctype html><html><body>
<form id="same" method="post" action=""><input name="rating" value="5"></form>
<form id="sibling" method="post" action="review"><input name="rating" value="4"></form>
</body></html>`;

/** A stand-in for the app's proxy routes that records what it receives. */
async function startApp() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://app.invalid");
      received.push({ method: request.method ?? "", path: url.pathname, query: url.searchParams, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (url.pathname === "/proxy/review" && request.method === "GET") {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Set-Cookie": "session=secret; HttpOnly" });
        return response.end(REVIEW_PAGE);
      }
      if (url.pathname === "/proxy/redirect") {
        response.writeHead(303, { Location: "/apps/candor/thanks" });
        return response.end();
      }
      response.writeHead(url.pathname === "/proxy/missing" ? 404 : 200, {
        "Content-Type": "application/json",
        "Set-Cookie": ["a=1", "b=2"],
        "X-App-Header": "kept back",
      });
      response.end(JSON.stringify({ path: url.pathname, method: request.method }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const api = shopifyApi({
  apiKey: API_KEY,
  apiSecretKey: API_SECRET,
  apiVersion: ApiVersion.October26,
  hostName: "candor.example.com",
  isEmbeddedApp: true,
  scopes: ["read_orders"],
  logger: { level: LogSeverity.Error },
});
const validate = (query: URLSearchParams) => api.utils.validateHmac(query, { signator: "appProxy" });

describe("app proxy", () => {
  let fake: FakeShopify;
  let app: Awaited<ReturnType<typeof startApp>>;
  const storefront = (path: string) => `${fake.url}/shops/${SHOP}/apps/candor${path}`;

  beforeAll(async () => {
    // As in the tests: the fake starts first, the app's URL is known afterwards.
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    app = await startApp();
  });
  afterAll(async () => {
    await fake.close();
    await app.close();
  });
  beforeEach(() => {
    fake.reset();
    app.received.length = 0;
    fake.setAppProxy({ prefix: "apps", subpath: "candor", url: `${app.url}/proxy` });
  });

  it("forwards a GET with the visitor's query and Shopify's signed parameters", async () => {
    const before = Math.trunc(Date.now() / 1000);
    const response = await fetch(storefront("/review/extra?token=abc%20def&lang=fr"));
    expect(response.status).toBe(200);
    const [got] = app.received;
    expect(got?.method).toBe("GET");
    expect(got?.path).toBe("/proxy/review/extra");
    const query = got!.query;
    expect(query.get("token")).toBe("abc def");
    expect(query.get("lang")).toBe("fr");
    expect(query.get("shop")).toBe(SHOP);
    expect(query.get("logged_in_customer_id")).toBe("");
    expect(query.get("path_prefix")).toBe("/apps/candor");
    expect(Math.abs(Number(query.get("timestamp")) - before)).toBeLessThanOrEqual(1);
    expect(query.get("signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(got?.headers.cookie).toBeUndefined();
    await expect(validate(query)).resolves.toBe(true);

    expect(fake.requests.at(-1)).toMatchObject({
      kind: "app-proxy",
      method: "GET",
      shop: SHOP,
      path: `/shops/${SHOP}/apps/candor/review/extra?token=abc%20def&lang=fr`,
      status: 200,
      form: null,
    });
    expect(fake.requests.at(-1)?.forwardedTo).toContain(`${app.url}/proxy/review/extra?token=abc+def&lang=fr&shop=`);
  });

  it("forwards the bare proxy path to the proxy URL itself", async () => {
    await fetch(storefront(""));
    expect(app.received[0]?.path).toBe("/proxy");
  });

  it("forwards a urlencoded POST with its body and content type, signed over the query only", async () => {
    const response = await fetch(storefront("/review?token=t1"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Fake-Logged-In-Customer-Id": "7340000000000000001" },
      body: "rating=5&comment=Tr%C3%A8s+bien",
    });
    expect(response.status).toBe(200);
    const [got] = app.received;
    expect(got?.method).toBe("POST");
    expect(got?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(got?.headers["x-fake-logged-in-customer-id"]).toBeUndefined();
    expect(got?.body).toBe("rating=5&comment=Tr%C3%A8s+bien");
    expect(got?.query.get("token")).toBe("t1");
    expect(got?.query.get("logged_in_customer_id")).toBe("7340000000000000001");
    await expect(validate(got!.query)).resolves.toBe(true);
    expect(fake.requests.at(-1)).toMatchObject({ kind: "app-proxy", method: "POST", status: 200 });
  });

  it("signs in a way the SDK rejects once a parameter is tampered with", async () => {
    await fetch(storefront("/review?token=t1"), { headers: { "X-Fake-Logged-In-Customer-Id": "42" } });
    const query = app.received[0]!.query;
    await expect(validate(query)).resolves.toBe(true);
    for (const [key, value] of [["token", "t2"], ["logged_in_customer_id", "43"], ["shop", "other-store.myshopify.com"]] as const) {
      const tampered = new URLSearchParams(query);
      tampered.set(key, value);
      await expect(validate(tampered)).resolves.toBe(false);
    }
    const added = new URLSearchParams(query);
    added.append("extra", "1");
    await expect(validate(added)).resolves.toBe(false);
  });

  it("signs a timestamp the SDK accepts only within its 90-second tolerance", async () => {
    const now = Math.trunc(Date.now() / 1000);
    await fetch(storefront("/review"), { headers: { "X-Fake-Proxy-Timestamp": String(now - 60) } });
    await fetch(storefront("/review"), { headers: { "X-Fake-Proxy-Timestamp": String(now - 120) } });
    const [recent, stale] = app.received;
    expect(recent?.query.get("timestamp")).toBe(String(now - 60));
    await expect(validate(recent!.query)).resolves.toBe(true);
    expect(stale?.headers["x-fake-proxy-timestamp"]).toBeUndefined();
    await expect(validate(stale!.query)).rejects.toThrow(/tolerance/);
  });

  it("joins the values of a repeated key with commas before signing", async () => {
    await fetch(storefront("/review?a=1&b=x&a=2"));
    const query = app.received[0]!.query;
    expect(query.getAll("a")).toEqual(["1", "2"]);
    const expected =
      `a=1,2b=xlogged_in_customer_id=path_prefix=/apps/candorshop=${SHOP}timestamp=${query.get("timestamp")}`;
    expect(appProxySignedString(query)).toBe(expected);
    expect(query.get("signature")).toBe(createHmac("sha256", API_SECRET).update(expected).digest("hex"));
    await expect(validate(query)).resolves.toBe(true);
  });

  it("replaces a visitor's own shop, timestamp and signature parameters", async () => {
    await fetch(storefront("/review?shop=evil.myshopify.com&signature=forged&timestamp=1&path_prefix=/x&logged_in_customer_id=9"));
    const query = app.received[0]!.query;
    expect(query.getAll("shop")).toEqual([SHOP]);
    expect(query.getAll("signature")).toHaveLength(1);
    expect(query.getAll("path_prefix")).toEqual(["/apps/candor"]);
    expect(query.getAll("logged_in_customer_id")).toEqual([""]);
    await expect(validate(query)).resolves.toBe(true);
  });

  it("answers with the app's status, content type and body but none of its cookies", async () => {
    const response = await fetch(storefront("/missing"));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ path: "/proxy/missing", method: "GET" });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get("x-app-header")).toBeNull();

    const page = await fetch(storefront("/review?token=t1"));
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.getSetCookie()).toEqual([]);
    expect(await page.text()).toBe(REVIEW_PAGE);
  });

  it("keeps forms that post relative to the page inside the proxy", async () => {
    const pageUrl = storefront("/review?token=t1");
    const html = await (await fetch(pageUrl)).text();
    const actions = [...html.matchAll(/<form id="(\w+)" method="post" action="([^"]*)">/g)].map((match) => [match[1], match[2]]);
    expect(actions).toEqual([["same", ""], ["sibling", "review"]]);
    app.received.length = 0;

    for (const [, action] of actions) {
      // A browser resolves the action against the page URL (an empty action is the page URL itself).
      const target = new URL(action!, pageUrl);
      const response = await fetch(target, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "rating=5" });
      expect(response.status).toBe(200);
    }
    const [same, sibling] = app.received;
    expect(same).toMatchObject({ method: "POST", path: "/proxy/review", body: "rating=5" });
    expect(same?.query.get("token")).toBe("t1");
    expect(sibling).toMatchObject({ method: "POST", path: "/proxy/review", body: "rating=5" });
    expect(sibling?.query.get("token")).toBeNull();
    await expect(validate(same!.query)).resolves.toBe(true);
    await expect(validate(sibling!.query)).resolves.toBe(true);

    // A root-relative action leaves the shop in the fake (it works on a real storefront).
    const rootRelative = await fetch(new URL("/apps/candor/review", pageUrl), { method: "POST", body: "rating=5" });
    expect(rootRelative.status).toBe(404);
    expect(app.received).toHaveLength(2);
  });

  it("maps a root-relative redirect into the shop, as the storefront resolves it", async () => {
    const response = await fetch(storefront("/redirect"), { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/shops/${SHOP}/apps/candor/thanks`);
  });

  it("answers 404 for an unknown or uninstalled shop without calling the app", async () => {
    const unknown = await fetch(`${fake.url}/shops/nobody.myshopify.com/apps/candor/review`);
    expect(unknown.status).toBe(404);
    expect(fake.requests.at(-1)).toMatchObject({ kind: "app-proxy", shop: "nobody.myshopify.com", status: 404 });
    fake.uninstall(SHOP);
    expect((await fetch(storefront("/review"))).status).toBe(404);
    expect(app.received).toHaveLength(0);
  });

  it("answers 404 when no app proxy is configured, and for other prefixes", async () => {
    expect((await fetch(`${fake.url}/shops/${SHOP}/apps/other/review`)).status).toBe(404);
    fake.setAppProxy(null);
    expect((await fetch(storefront("/review"))).status).toBe(404);
    expect(app.received).toHaveLength(0);
    expect(fake.requests.every((entry) => entry.kind === "other")).toBe(true);
  });

  it("refuses methods Shopify does not forward", async () => {
    const response = await fetch(storefront("/review"), { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(app.received).toHaveLength(0);
  });

  it("can be configured from another process through the control API", async () => {
    fake.setAppProxy(null);
    const put = await fetch(`${fake.url}/_fake/app-proxy`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ prefix: "apps", subpath: "candor", url: `${app.url}/proxy` }),
    });
    expect(put.status).toBe(200);
    expect((await fetch(storefront("/review"))).status).toBe(200);
    expect(await (await fetch(`${fake.url}/_fake/app-proxy`)).json()).toEqual({ prefix: "apps", subpath: "candor", url: `${app.url}/proxy` });
    await fetch(`${fake.url}/_fake/app-proxy`, { method: "DELETE" });
    expect((await fetch(storefront("/review"))).status).toBe(404);
  });

  it("signAppProxyQuery leaves out signature and hmac, as the SDK does", () => {
    const query = new URLSearchParams("shop=a.myshopify.com&timestamp=1&hmac=x&signature=y");
    expect(appProxySignedString(query)).toBe("shop=a.myshopify.comtimestamp=1");
    expect(signAppProxyQuery(query, API_SECRET)).toBe(createHmac("sha256", API_SECRET).update("shop=a.myshopify.comtimestamp=1").digest("hex"));
  });
});
