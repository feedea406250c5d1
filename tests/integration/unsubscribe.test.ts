import { randomBytes, randomUUID } from "node:crypto";

import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { createUnsubscribeLink } from "../../app/modules/review-links/create-unsubscribe-link.server";
import { signLinkToken } from "../../app/modules/review-links/sign-link-token.server";
import { startAppStack, type AppStack } from "../support/app-stack";
import { dumpRedis } from "../support/redis-server";

const SHOP = "unsubscribe-shop.myshopify.com";
const DAY_MS = 86_400_000;

describe("one-click unsubscribe links (real server, Redis, database)", () => {
  let stack: AppStack;
  let db: Db;
  let env: Record<string, string>;
  let redis: Redis;
  let queue: Queue;
  const savedEnv = { ...process.env };

  // Two requests of one customer, one of another; each with its delayed send job.
  const customer = { customerRef: `cref-${randomUUID()}`, emailRef: `eref-${randomUUID()}` };
  const otherCustomer = { customerRef: `cref-${randomUUID()}`, emailRef: `eref-${randomUUID()}` };
  const ids = { first: randomUUID(), second: randomUUID(), other: randomUUID() };
  let link: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ db, env } = stack);
    // The test signs its links with the app process's key and URL, through the app's own code.
    Object.assign(process.env, env);

    const dueAt = new Date(Date.now() + 10 * DAY_MS);
    const seed = [
      { id: ids.first, orderId: "gid://shopify/Order/1001", refs: customer },
      { id: ids.second, orderId: "gid://shopify/Order/1002", refs: customer },
      { id: ids.other, orderId: "gid://shopify/Order/1003", refs: otherCustomer },
    ];
    for (const { id, orderId, refs } of seed) {
      await db.reviewRequest.create({
        data: { id, shopId: SHOP, orderId, groupKey: "order", productIds: JSON.stringify(["gid://shopify/Product/2"]), ...refs, status: "scheduled", dueAt },
      });
    }
    redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
    queue = new Queue("review-emails", { connection: redis, prefix: env.QUEUE_PREFIX });
    for (const { id } of seed) {
      await queue.add(
        "send-review-request@v1",
        { shop: SHOP, orderId: "gid://shopify/Order/1", productIds: ["gid://shopify/Product/2"], reviewLink: `https://${SHOP}/apps/candor/review?token=x` },
        { jobId: `review-request-${id}`, delay: 10 * DAY_MS },
      );
    }
    link = await createUnsubscribeLink(SHOP, ids.first);
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await stack?.stop();
    process.env = savedEnv;
  });

  /** Everything an unsubscribe may change: suppressions, the requests' states, the queued jobs. */
  async function state() {
    const suppressions = await db.suppression.findMany({ orderBy: { createdAt: "asc" } });
    const requests = await db.reviewRequest.findMany({ select: { id: true, status: true, statusReason: true }, orderBy: { id: "asc" } });
    const jobs = (await queue.getJobs(["delayed", "waiting", "prioritized"])).map((job) => job.id).sort();
    return { suppressions, requests, jobs };
  }

  const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
  const pageUrl = (token: string) => `${env.SHOPIFY_APP_URL}/unsubscribe/${token}`;
  const oneClick = (url: string, init: RequestInit = {}) =>
    fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      ...init,
    });

  it("builds the link on the app's own URL", () => {
    expect(link.startsWith(`${env.SHOPIFY_APP_URL}/unsubscribe/`)).toBe(true);
  });

  it("shows a confirmation page on GET and changes nothing", async () => {
    const before = await state();
    expect(before.jobs).toEqual([ids.first, ids.second, ids.other].map((id) => `review-request-${id}`).sort());

    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("set-cookie")).toBeNull();
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('<form method="post">');
    expect(html).toContain('<button type="submit">Unsubscribe</button>');
    expect(html).toContain("unsubscribe-shop");
    expect(html).not.toMatch(/<script|<link|https?:\/\//);

    expect(await state()).toEqual(before);
    expect(before.suppressions).toHaveLength(0);
  });

  it("answers in the browser's language", async () => {
    const german = await fetch(link, { headers: { "Accept-Language": "de-DE,de;q=0.9,en;q=0.8" } });
    expect(german.status).toBe(200);
    const germanHtml = await german.text();
    expect(germanHtml).toContain('<html lang="de">');
    expect(germanHtml).toContain('<button type="submit">Abmelden</button>');

    const french = await fetch(link, { headers: { "Accept-Language": "it;q=1, fr-CH;q=0.9, de;q=0.5" } });
    const frenchHtml = await french.text();
    expect(frenchHtml).toContain('<html lang="fr">');
    expect(frenchHtml).toContain("Se désabonner");
  });

  it("refuses forged, tampered, expired and foreign links with a page, writing nothing", async () => {
    const before = await state();
    const expectPage = async (response: Response, status: number) => {
      expect(response.status).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const html = await response.text();
      expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
      expect(html).not.toMatch(/Error|\bat \w|node_modules|<form/);
      return html;
    };

    // Signed with another key.
    const forged = await new SignJWT({ shop: SHOP })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(ids.first)
      .setAudience("unsubscribe")
      .setExpirationTime(Math.floor((Date.now() + DAY_MS) / 1000))
      .sign(randomBytes(32));
    expect(await expectPage(await oneClick(pageUrl(forged)), 400)).toContain("This link is not valid");
    await expectPage(await fetch(pageUrl(forged)), 400);

    // One character of the signature changed.
    const token = tokenOf(link);
    const at = token.lastIndexOf(".") + 5;
    const tampered = `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
    expect(await expectPage(await oneClick(pageUrl(tampered)), 400)).toContain("This link is not valid");

    // Not a token at all.
    await expectPage(await oneClick(pageUrl("not-a-token")), 400);

    // Signed for reviewing, not for unsubscribing.
    const review = await signLinkToken(SHOP, { reviewRequestId: ids.first, purpose: "review", expiresAt: new Date(Date.now() + DAY_MS) });
    await expectPage(await oneClick(pageUrl(review)), 400);

    // Expired.
    const expired = await signLinkToken(SHOP, { reviewRequestId: ids.first, purpose: "unsubscribe", expiresAt: new Date(Date.now() - 60_000) });
    expect(await expectPage(await oneClick(pageUrl(expired)), 410)).toContain("This link has expired");
    await expectPage(await fetch(pageUrl(expired)), 410);

    // Validly signed, but the request belongs to another shop than the token names.
    const foreign = await signLinkToken("someone-else.myshopify.com", {
      reviewRequestId: ids.first,
      purpose: "unsubscribe",
      expiresAt: new Date(Date.now() + DAY_MS),
    });
    expect(await expectPage(await oneClick(pageUrl(foreign)), 404)).toContain("Nothing to unsubscribe from");
    await expectPage(await fetch(pageUrl(foreign)), 404);

    // Only GET and POST.
    const put = await oneClick(link, { method: "PUT" });
    expect(put.status).toBe(405);

    expect(await state()).toEqual(before);
  });

  it("unsubscribes on a one-click POST without cookies, even from another origin", async () => {
    const response = await oneClick(link, { headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(await response.text()).toContain("You are unsubscribed");

    const after = await state();
    expect(after.suppressions).toHaveLength(1);
    expect(after.suppressions[0]).toMatchObject({ shopId: SHOP, ...customer, source: "unsubscribe_link" });
    const byId = new Map(after.requests.map((request) => [request.id, request]));
    expect(byId.get(ids.first)).toMatchObject({ status: "cancelled", statusReason: "unsubscribed" });
    expect(byId.get(ids.second)).toMatchObject({ status: "cancelled", statusReason: "unsubscribed" });
    expect(byId.get(ids.other)).toMatchObject({ status: "scheduled", statusReason: null });
    expect(after.jobs).toEqual([`review-request-${ids.other}`]);

    const keys = await dumpRedis(env.REDIS_URL!, env.QUEUE_PREFIX!);
    expect(keys).not.toContain(`review-emails:review-request-${ids.first} `);
    expect(keys).not.toContain(`review-emails:review-request-${ids.second} `);
    expect(keys).toContain(`review-emails:review-request-${ids.other} `);
  });

  it("accepts the same POST again, as multipart, and records the customer once", async () => {
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const response = await fetch(link, { method: "POST", body: form, redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("You are unsubscribed");

    // The confirmation page now says so, without a button.
    const page = await fetch(link, { headers: { "Accept-Language": "de" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Sie sind bereits abgemeldet");
    expect(html).not.toContain("<form");

    const after = await state();
    expect(after.suppressions).toHaveLength(1);
    expect(after.jobs).toEqual([`review-request-${ids.other}`]);
  });
});
