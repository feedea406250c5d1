/** How long running requests and jobs get to finish before the process exits anyway. */
const GRACE_PERIOD_MS = 25_000;

/**
 * On SIGTERM or SIGINT, runs `shutdown` once and exits 0 (1 if it fails or overruns the grace
 * period). Register it before starting anything, so a signal during start-up is handled too.
 */
export function exitOnShutdownSignal(shutdown: () => Promise<void>): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), GRACE_PERIOD_MS).unref();
      shutdown().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
