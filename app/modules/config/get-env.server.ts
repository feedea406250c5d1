import { loadEnv, type Env } from "./load-env.server";

let cached: Env | undefined;

/** The validated environment, loaded on first use and kept for the process's life. */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
