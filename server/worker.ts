import { startWorkers, type RunningWorkers } from "../app/modules/runtime/start-workers.server";
import { stopAppServices } from "../app/modules/runtime/app-services.server";
import { createLogger } from "../app/modules/observability/create-logger.server";
import { setLogger } from "../app/modules/observability/logger.server";
import { loadEnvOrExit } from "./load-env-or-exit";

/** The worker process: BullMQ workers and the outbox relay, never any route code. */
const env = loadEnvOrExit("worker");
setLogger(createLogger({ level: env.LOG_LEVEL, base: { process: "worker" } }));

let workers: Promise<RunningWorkers> | undefined;

// Registered before anything starts, so a SIGTERM during start-up still shuts down cleanly.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    const forceExit = setTimeout(() => process.exit(1), 25_000);
    forceExit.unref();
    void (async () => {
      await (await workers)?.close();
      await stopAppServices();
      process.exit(0);
    })();
  });
}

workers = startWorkers();
await workers;
