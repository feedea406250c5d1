import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { freePort, waitFor, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { orderFulfilledBody } from "../support/customer-order";
import { DisposableRedis } from "../support/redis-server";
import { postSignedWebhook } from "../support/signed-webhook";

describe("transactional outbox across a Redis outage", () => {
  let stack: AppStack;
  let db: Db;
  let redis: DisposableRedis;
  let env: Record<string, string>;
  let web: AppProcess;

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    stack = await startAppStack({ REDIS_URL: redis.url });
    ({ db, env, web } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it("answers 200 while Redis is stopped and runs the job once Redis is back", async () => {
    const shop = "outage.myshopify.com";
    await redis.stop();

    const started = Date.now();
    const response = await postSignedWebhook({
      appUrl: web.url,
      shop,
      topic: "orders/fulfilled",
      body: orderFulfilledBody({ order: "7340000000000000501", customer: "7340000000000000601", product: "7340000000000000701", lineItem: "7340000000000000801" }),
      apiSecret: env.SHOPIFY_API_SECRET!,
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);

    const owed = await db.outboxMessage.findFirstOrThrow({ where: { shopId: shop } });
    expect(owed.relayedAt).toBeNull();
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { shopId: shop } });
    expect(delivery.processedAt).toBeNull();

    // Still nothing while Redis is down: the relay keeps the message.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: owed.id } })).relayedAt).toBeNull();

    await redis.start();
    const processed = await waitFor(
      () => db.webhookDelivery.findFirst({ where: { id: delivery.id, processedAt: { not: null } } }),
      25_000,
      "the job to run after Redis came back",
    );
    expect(processed.processedAt).not.toBeNull();
    const relayed = await db.outboxMessage.findUniqueOrThrow({ where: { id: owed.id } });
    expect(relayed.relayedAt).not.toBeNull();
    expect(relayed.attempts).toBeGreaterThanOrEqual(1);
  });
});
