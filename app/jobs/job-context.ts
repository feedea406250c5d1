import type { Logger } from "pino";

/** What a job handler gets besides its payload. */
export interface JobContext {
  logger: Logger;
  attempt: number;
  /** No retry follows if this run fails. */
  isFinalAttempt: boolean;
  /** Puts the job back in the queue until `runAt` without spending an attempt. */
  delayUntil(runAt: Date): Promise<never>;
}
