import { Redis, type RedisOptions } from "ioredis";

/**
 * Producers fail fast (no offline queue, one retry) so a request never waits on a Redis
 * outage: the transactional outbox keeps the job instead. Workers block on Redis and must
 * retry forever (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export function createRedisConnection(url: string, role: "producer" | "worker"): Redis {
  const options: RedisOptions =
    role === "producer"
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, lazyConnect: false }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true, connectTimeout: 5_000 };
  return new Redis(url, {
    ...options,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
