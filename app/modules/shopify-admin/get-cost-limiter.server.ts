import type { Redis } from "ioredis";

import { getEnv } from "~/modules/config/get-env.server";
import { createRedisConnection } from "~/modules/queue/redis-connection.server";

import { createCostLimiter, type CostLimiter } from "./create-cost-limiter.server";

const globalForLimiter = globalThis as unknown as { candorCostLimiter?: { limiter: CostLimiter; redis: Redis } };

/** The process's cost limiter: one Redis connection, the deployment's key prefix. */
export function getCostLimiter(): CostLimiter {
  if (!globalForLimiter.candorCostLimiter) {
    const env = getEnv();
    const redis = createRedisConnection(env.REDIS_URL, "worker");
    redis.on("error", () => {});
    globalForLimiter.candorCostLimiter = { limiter: createCostLimiter(redis, { prefix: env.QUEUE_PREFIX }), redis };
  }
  return globalForLimiter.candorCostLimiter.limiter;
}

export function closeCostLimiter(): void {
  globalForLimiter.candorCostLimiter?.redis.disconnect();
  globalForLimiter.candorCostLimiter = undefined;
}
