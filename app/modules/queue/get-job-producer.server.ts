import { getEnv } from "~/modules/config/get-env.server";

import { JobProducer } from "./job-producer.server";

const globalForProducer = globalThis as unknown as { candorJobProducer?: JobProducer };

/** One producer per process (kept across dev reloads). */
export function getJobProducer(): JobProducer {
  if (!globalForProducer.candorJobProducer) {
    const env = getEnv();
    globalForProducer.candorJobProducer = new JobProducer({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
  }
  return globalForProducer.candorJobProducer;
}

export async function closeJobProducer(): Promise<void> {
  const producer = globalForProducer.candorJobProducer;
  globalForProducer.candorJobProducer = undefined;
  await producer?.close();
}
