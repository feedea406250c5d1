import type { Logger } from "pino";

import { createLogger } from "./create-logger.server";

let current: Logger | undefined;

/** The process-wide logger; entry points may replace it (tests capture output this way). */
export function getLogger(): Logger {
  current ??= createLogger({ level: process.env.LOG_LEVEL ?? "info" });
  return current;
}

export function setLogger(logger: Logger): void {
  current = logger;
}
