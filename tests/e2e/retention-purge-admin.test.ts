import { randomUUID } from "node:crypto";

import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import { mintSessionToken } from "../../dev/session-token";
import { waitFor } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { BROWSER_USER_AGENT } from "../support/browser";

const HOUR = 3_600_000;

const utc = (epochMs: number) => `${new Date(epochMs).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/**
 * The retention purge as it runs in production: the worker process schedules it in BullMQ,
 * the scheduled job queues a purge per shop, and the overview (server-rendered by the built
 * web process) shows the last run with its counts and the next one.
 */
describe("the scheduled retention purge, seen from the admin", () => {
  let stack: AppStack;
  let fakeShopify: FakeShopify;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    const apiKey = "candor-e2e-key";
    const apiSecret = `e2e-secret-${process.pid}`;
    fakeShopify = await startFakeShopify({ apiKey, apiSecret });
    stack = await startAppStack({ SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_FAKE_ORIGIN: fakeShopify.url });
    redis = new Redis(stack.env.REDIS_URL!, { maxRetriesPerRequest: null });
    queue = new Queue("maintenance", { connection: redis, prefix: stack.env.QUEUE_PREFIX });
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await stack?.stop();
    await fakeShopify?.close();
  });

  async function overviewText(): Promise<string> {
    const idToken = await mintSessionToken({
      apiKey: stack.env.SHOPIFY_API_KEY!,
      apiSecret: stack.env.SHOPIFY_API_SECRET!,
      shop: DEMO_SHOP_DOMAIN,
      userId: DEMO_OWNER_USER_ID,
    });
    const host = Buffer.from("admin.shopify.com/store/candor-demo").toString("base64url");
    const response = await fetch(`${stack.web.url}/app?${new URLSearchParams({ embedded: "1", shop: DEMO_SHOP_DOMAIN, host, id_token: idToken })}`, {
      headers: { "User-Agent": BROWSER_USER_AGENT },
    });
    expect(response.status).toBe(200);
    // React separates adjacent text with comments in server-rendered HTML.
    return (await response.text()).replace(/<!-- -->/g, "");
  }

  it("runs on the hour, removes what expired, and the overview shows the last and next run", async () => {
    // The first visit installs the shop (token exchange with the fake Shopify).
    expect(await overviewText()).toContain("No run yet.");

    const scheduler = await waitFor(() => queue.getJobScheduler("retention-purge"), 15_000, "the purge schedule");
    expect(scheduler).toMatchObject({ pattern: "0 * * * *", tz: "UTC" });
    expect(scheduler!.next! % HOUR).toBe(0);
    expect(scheduler!.next! - Date.now()).toBeLessThanOrEqual(HOUR);

    // One webhook delivery past the default week, one inside it.
    const delivery = (receivedAt: Date) => ({ id: randomUUID(), shopId: DEMO_SHOP_DOMAIN, webhookId: randomUUID(), topic: "ORDERS_FULFILLED", event: "{}", receivedAt });
    const old = delivery(new Date(Date.now() - 8 * 24 * HOUR));
    const recent = delivery(new Date(Date.now() - 6 * 24 * HOUR));
    await stack.db.webhookDelivery.createMany({ data: [old, recent] });

    // Start now what the schedule starts on the hour.
    await queue.add("plan-retention-purge@v1", {}, { jobId: `plan-now-${process.pid}`, removeOnComplete: true });
    const run = await waitFor(() => stack.db.purgeRun.findFirst({ where: { shopId: DEMO_SHOP_DOMAIN, status: "completed" } }), 20_000, "the shop's purge");
    expect(JSON.parse(run.counts)).toEqual({ webhookDeliveries: 1 });
    expect((await stack.db.webhookDelivery.findMany({ where: { shopId: DEMO_SHOP_DOMAIN }, select: { id: true } })).map((row) => row.id)).toEqual([recent.id]);

    const text = await overviewText();
    expect(text).toContain("Retention purge");
    expect(text).toContain("Completed");
    expect(text).toContain(`Last run ${utc(run.finishedAt!.getTime())}`);
    expect(text).toContain("Removed: 1 webhook delivery keys.");
    expect(text).toContain(`Next run ${utc(scheduler!.next!)}`);
  });
});
