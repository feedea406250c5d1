import type { JobContext } from "./process-webhook.handler.server";
import { processWebhook } from "./process-webhook.handler.server";

export type JobHandler = (payload: never, context: JobContext) => Promise<unknown>;

/** Job name (without version) → handler. Every definition in definitions.ts has one. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  "process-webhook": processWebhook as JobHandler,
};
