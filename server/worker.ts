import { startWorkers, type RunningWorkers } from "../app/modules/runtime/start-workers.server";
import { stopAppServices } from "../app/modules/runtime/app-services.server";
import { createLogger } from "../app/modules/observability/create-logger.server";
import { setLogger } from "../app/modules/observability/logger.server";
import { exitOnShutdownSignal } from "./exit-on-shutdown-signal";
import { loadEnvOrExit } from "./load-env-or-exit";

/** The worker process: BullMQ workers and the outbox relay, never any route code. */
const env = loadEnvOrExit("worker");
setLogger(createLogger({ level: env.LOG_LEVEL, base: { process: "worker" } }));

let workers: Promise<RunningWorkers> | undefined;

exitOnShutdownSignal(async () => {
  await (await workers)?.close();
  await stopAppServices();
});

workers = startWorkers();
await workers;
