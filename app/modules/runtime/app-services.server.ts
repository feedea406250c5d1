import { disconnectDb } from "~/db.server";
import { closeDirectConnection } from "~/db/direct-connection.server";
import { closeMailTransport } from "~/modules/mail/get-mail-transport.server";
import { closeJobProducer, getJobProducer } from "~/modules/queue/get-job-producer.server";
import { closeCostLimiter } from "~/modules/shopify-admin/get-cost-limiter.server";

import { startWorkers, type RunningWorkers, type WorkerOptions } from "./start-workers.server";

let running: RunningWorkers | undefined;

/** Opens the queue connection at start, so the first webhooks do not wait for it. */
export function warmUpAppServices(): void {
  getJobProducer();
}

/** Single-process mode (demo, small installs): the web server runs the workers too. */
export async function startBackgroundWorkers(options?: WorkerOptions): Promise<void> {
  running ??= await startWorkers(options);
}

/** Graceful shutdown: finish running jobs, then release Redis and the database. */
export async function stopAppServices(): Promise<void> {
  await running?.close();
  running = undefined;
  await closeJobProducer();
  closeCostLimiter();
  closeMailTransport();
  await closeDirectConnection();
  await disconnectDb();
}
