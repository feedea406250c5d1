import { randomBytes } from "node:crypto";

import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { waitFor } from "../support/app-process";
import { dumpDatabase } from "../support/dump-database";
import { startReviewEmailWorld, type ReviewEmailWorld } from "../support/review-email-world";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("the review form through the app proxy (real server, worker, database; Shopify's proxy faked)", () => {
  let world: ReviewEmailWorld;
  let shop: string;
  let reviewLink: string;
  let reviewRequestId: string;

  beforeAll(async () => {
    world = await startReviewEmailWorld("reviews");
    shop = await world.installShop("review-form");
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    const message = await world.mail.waitForMessage((candidate) => (candidate.text ?? "").includes(shop), { timeoutMs: 20_000 });
    reviewLink = /https:\/\/review-form\.myshopify\.com\/apps\/candor\/review\?token=[\w.-]+/.exec(message.text ?? "")![0];
    reviewRequestId = (await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "sent")).id;
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  const storefront = (link: string, extra: Record<string, string> = {}) => {
    const url = new URL(world.storefrontUrl(link));
    for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
    return url.toString();
  };
  const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
  const reviewCount = () => world.db.review.count({ where: { shopId: shop } });

  it("opens the chooser and each product's form from the emailed link, through a signed proxy request", async () => {
    const chooser = await fetch(storefront(reviewLink));
    expect(chooser.status).toBe(200);
    const chooserPage = await chooser.text();
    expect(chooserPage).toContain("Which product would you like to review?");
    for (const title of ["Aviator sunglasses", "Mid-century lounger", "Coffee table"]) expect(chooserPage).toContain(title);

    const page = await fetch(storefront(reviewLink, { product: "1", lang: "fr" }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Donner votre avis sur Aviator sunglasses");
    expect(html).toMatch(/<form method="post"/);
    expect(html).not.toContain("<script");
    const proxied = world.fake.requests.filter((request) => request.kind === "app-proxy");
    expect(proxied.at(-1)?.forwardedTo).toMatch(/\/proxy\/review\?.*&signature=[0-9a-f]{64}/);
  });

  it("stores one pending verified review, echoing nothing unescaped, and refuses the same product twice", async () => {
    const url = storefront(reviewLink, { product: "1" });
    const script = "<script>alert(1)</script>";
    // First with a problem: the page comes back with the customer's text, escaped, and nothing is stored.
    const invalid = await fetch(url, form({ rating: "5", title: "x".repeat(121), body: `Great. ${script}`, displayName: "Jo" }));
    expect(invalid.status).toBe(422);
    const invalidPage = await invalid.text();
    expect(invalidPage).toContain("Keep the title under 120 characters.");
    expect(invalidPage).not.toContain(script);
    expect(invalidPage).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(await reviewCount()).toBe(0);

    const saved = await fetch(url, form({ rating: "4", title: "Solid", body: `Great glasses. ${script}`, displayName: `Jo ${script}` }));
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Thank you for your review");
    const reviews = await world.db.review.findMany({ where: { shopId: shop } });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      reviewRequestId,
      productId: expect.stringMatching(/^gid:\/\/shopify\/Product\/\d+$/),
      rating: 4,
      title: "Solid",
      body: `Great glasses. ${script}`, // stored as written
      status: "pending",
      verifiedBuyer: true,
    });
    expect(reviews[0]!.displayName).toMatch(/^enc:v1:/); // the chosen name is encrypted at rest
    expect(await dumpDatabase(world.db, world.database.url)).not.toContain("Jo <script>");

    const again = await fetch(url, form({ rating: "1", body: "Changed my mind entirely.", displayName: "Jo" }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Already reviewed");
    expect((await fetch(url)).status).toBe(409);
    expect(await reviewCount()).toBe(1);
  });

  it("refuses forged, expired, tampered and unsigned requests with a clear page, writing nothing", async () => {
    const before = await reviewCount();
    const fields = { rating: "5", body: "Lovely product, thank you.", displayName: "Sam" };
    const signWith = (key: Uint8Array, expiresAt: number, sub = reviewRequestId) =>
      new SignJWT({ shop }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setAudience("review").setExpirationTime(expiresAt).sign(key);
    const key = Buffer.from(world.env.LINK_SIGNING_KEY!, "base64");
    const linkWith = (token: string) => `https://${shop}/apps/candor/review?token=${token}`;

    const otherKey = await fetch(storefront(linkWith(await signWith(randomBytes(32), Math.floor(Date.now() / 1000) + 3600)), { product: "2" }), form(fields));
    expect(otherKey.status).toBe(400);
    expect(await otherKey.text()).toContain("This link is not valid");

    const expired = await fetch(storefront(linkWith(await signWith(key, Math.floor(Date.now() / 1000) - 60)), { product: "2" }), form(fields));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired");

    const token = tokenOf(reviewLink);
    const flipped = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;
    expect((await fetch(storefront(linkWith(flipped), { product: "2" }), form(fields))).status).toBe(400);

    const tamperedProduct = await fetch(storefront(reviewLink, { product: "7" }), form({ ...fields, product: "7" }));
    expect(tamperedProduct.status).toBe(400);

    // Straight to the app, without Shopify's signature: refused.
    const unsigned = await fetch(`${world.web.url}/proxy/review?token=${token}&product=2&shop=${shop}`, form(fields));
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).toContain("Please open this page from the shop");
    // Signed, but long ago (a replayed request): refused too.
    const stale = await fetch(storefront(reviewLink, { product: "2" }), {
      ...form(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Fake-Proxy-Timestamp": String(Math.floor(Date.now() / 1000) - 600) },
    });
    expect(stale.status).toBe(401);

    expect(await reviewCount()).toBe(before);
  });

  it("publishes at once at or above the shop's auto-publish rating, and holds lower ratings for moderation", async () => {
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0, autoPublishMinRating: 4 }) } });
    const published = await fetch(storefront(reviewLink, { product: "2" }), form({ rating: "5", body: "Comfortable and sturdy.", displayName: "Ana" }));
    expect(published.status).toBe(200);
    expect(await published.text()).toContain("It now appears on the shop&#x27;s website.");
    const held = await fetch(storefront(reviewLink, { product: "3" }), form({ rating: "2", body: "Wobbly legs, sadly.", displayName: "Ana" }));
    expect(held.status).toBe(200);
    const statuses = await world.db.review.findMany({ where: { shopId: shop }, orderBy: { rating: "asc" }, select: { rating: true, status: true } });
    expect(statuses).toEqual([
      { rating: 2, status: "pending" },
      { rating: 4, status: "pending" },
      { rating: 5, status: "published" },
    ]);
  });
});
