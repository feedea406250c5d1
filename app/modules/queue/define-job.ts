import type { z } from "zod";

/**
 * A job is a name, a version and a strict payload schema. Payloads hold identifiers only:
 * the schema is validated when the job is enqueued and again when it runs.
 */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  /** The BullMQ queue the job runs on; jobs that compete for the same budget share one. */
  queue: string;
  payload: Schema;
  attempts: number;
  /** Base delay of the exponential backoff between attempts. */
  backoffMs: number;
  /**
   * Remove the job as soon as it finishes, so its fixed id is free for the next one at once
   * (a job that must not run twice at the same time, but runs again and again).
   */
  removeWhenFinished?: boolean;
}

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}

export type JobPayload<Definition> = Definition extends JobDefinition<infer Schema> ? z.output<Schema> : never;

/** The BullMQ job name carries the version, so a worker never runs a payload it does not know. */
export function jobNameFor(definition: Pick<JobDefinition, "name" | "version">): string {
  return `${definition.name}@v${definition.version}`;
}
