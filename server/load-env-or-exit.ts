import { ConfigError, loadEnv, type Env } from "../app/modules/config/load-env.server";

/** Validates the environment at start; a bad variable stops the process with one clear line. */
export function loadEnvOrExit(processName: string): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`candor ${processName}: configuration error: ${error.problems.join("; ")}\n`);
      process.exit(78);
    }
    throw error;
  }
}
