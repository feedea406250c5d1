import { getDb } from "~/db.server";
import { getBatchSql } from "~/db/get-batch-sql.server";
import { postgresTimestamp, sqliteTimestamp } from "~/db/sql-timestamps";
import { reviewEmailJobId, sendReviewReminderJob, type ReviewEmailPayload } from "~/jobs/definitions";
import { dispatchOutboxMessages, type OutboxMessageToDispatch } from "~/modules/outbox/dispatch-outbox-messages.server";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";

import type { ReviewEmailKind } from "./review-email-kind";

export interface SendToRecord {
  shopId: string;
  reviewRequestId: string;
  kind: ReviewEmailKind;
  attemptId: string;
  payload: ReviewEmailPayload;
  /** Days after this send that the single reminder is due; null plans none. Requests only. */
  reminderDays: number | null;
}

/**
 * PostgreSQL: one statement, atomic on its own. Each row is matched on its shop and id
 * together. A request erased while its email was on its way is not there to update, and so
 * gets no reminder in the outbox.
 */
const POSTGRES_RECORD = `WITH sent AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
      AS e ("shopId", "reviewRequestId", "kind", "attemptId", "reminderDueAt", "reminderId", "reminderJobName", "reminderPayload")
  ), attempts AS (
    UPDATE "SendAttempt" a SET "status" = 'sent', "finishedAt" = $9::timestamp(3)
    FROM sent e WHERE a."shopId" = e."shopId" AND a."id" = e."attemptId"
  ), requests AS (
    UPDATE "ReviewRequest" r
    SET "status" = 'sent', "sentAt" = $9::timestamp(3), "statusReason" = NULL, "reminderDueAt" = e."reminderDueAt"::timestamp(3), "updatedAt" = $9::timestamp(3)
    FROM sent e WHERE e."kind" = 'request' AND r."shopId" = e."shopId" AND r."id" = e."reviewRequestId"
    RETURNING r."shopId", r."id"
  ), reminders AS (
    UPDATE "ReviewRequest" r SET "reminderSentAt" = $9::timestamp(3), "updatedAt" = $9::timestamp(3)
    FROM sent e WHERE e."kind" = 'reminder' AND r."shopId" = e."shopId" AND r."id" = e."reviewRequestId"
  )
  INSERT INTO "OutboxMessage" ("id", "shopId", "jobName", "payload", "createdAt", "attempts", "availableAt")
  SELECT e."reminderId", e."shopId", e."reminderJobName", e."reminderPayload", $9::timestamp(3), 0, e."reminderDueAt"::timestamp(3)
  FROM sent e JOIN requests r ON r."shopId" = e."shopId" AND r."id" = e."reviewRequestId"
  WHERE e."kind" = 'request' AND e."reminderDueAt" IS NOT NULL
  ON CONFLICT ("id") DO NOTHING
  RETURNING "id"`;

const SQLITE_ATTEMPT_SENT = `UPDATE "SendAttempt" SET "status" = 'sent', "finishedAt" = ? WHERE "shopId" = ? AND "id" = ?`;
const SQLITE_REQUEST_SENT = `UPDATE "ReviewRequest" SET "status" = 'sent', "sentAt" = ?, "statusReason" = NULL, "reminderDueAt" = ?, "updatedAt" = ?
  WHERE "shopId" = ? AND "id" = ?`;
const SQLITE_REMINDER_SENT = `UPDATE "ReviewRequest" SET "reminderSentAt" = ?, "updatedAt" = ? WHERE "shopId" = ? AND "id" = ?`;
const SQLITE_PLAN_REMINDER = `INSERT INTO "OutboxMessage" ("id", "shopId", "jobName", "payload", "createdAt", "attempts", "availableAt")
  VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT ("id") DO NOTHING`;

const DAY_MS = 24 * 3_600_000;

/**
 * Records the sends of many jobs at once, atomically: each attempt becomes "sent", each
 * request "sent" (or its reminder sent), and every reminder a send calls for is written to the
 * outbox, then handed to the queue. Fixed statements (`getBatchSql`), like the send's other
 * steps.
 */
export async function recordReviewSends(entries: readonly SendToRecord[]): Promise<void[]> {
  if (entries.length === 0) return [];
  const sentAt = new Date();
  const reminderJobName = jobNameFor(sendReviewReminderJob);
  const rows = entries.map((entry) => {
    const reminderDueAt = entry.kind === "request" && entry.reminderDays !== null ? new Date(sentAt.getTime() + entry.reminderDays * DAY_MS) : null;
    const reminder: OutboxMessageToDispatch | null = reminderDueAt
      ? {
          id: reviewEmailJobId("reminder", entry.reviewRequestId),
          shopId: entry.shopId,
          jobName: reminderJobName,
          payload: JSON.stringify(entry.payload),
          availableAt: reminderDueAt,
        }
      : null;
    return { entry, reminderDueAt, reminder };
  });

  const sql = getBatchSql();
  let planned: Set<string>;
  if (sql.dialect === "postgresql") {
    const result = await sql.pool.query<{ id: string }>({
      name: "candor-record-review-sends",
      text: POSTGRES_RECORD,
      values: [
        rows.map(({ entry }) => entry.shopId),
        rows.map(({ entry }) => entry.reviewRequestId),
        rows.map(({ entry }) => entry.kind),
        rows.map(({ entry }) => entry.attemptId),
        rows.map(({ reminderDueAt }) => postgresTimestamp(reminderDueAt)),
        rows.map(({ reminder }) => reminder?.id ?? null),
        rows.map(({ reminder }) => reminder?.jobName ?? null),
        rows.map(({ reminder }) => reminder?.payload ?? null),
        postgresTimestamp(sentAt),
      ],
    });
    planned = new Set(result.rows.map((row) => row.id));
  } else {
    const at = sqliteTimestamp(sentAt);
    planned = await sql.db.$transaction(async (tx) => {
      const written = new Set<string>();
      for (const { entry, reminderDueAt, reminder } of rows) {
        await tx.$executeRawUnsafe(SQLITE_ATTEMPT_SENT, at, entry.shopId, entry.attemptId);
        if (entry.kind === "reminder") {
          await tx.$executeRawUnsafe(SQLITE_REMINDER_SENT, at, at, entry.shopId, entry.reviewRequestId);
          continue;
        }
        const updated = await tx.$executeRawUnsafe(SQLITE_REQUEST_SENT, at, sqliteTimestamp(reminderDueAt), at, entry.shopId, entry.reviewRequestId);
        if (updated === 0 || !reminder) continue;
        const inserted = await tx.$executeRawUnsafe(SQLITE_PLAN_REMINDER, reminder.id, reminder.shopId, reminder.jobName, reminder.payload, at, sqliteTimestamp(reminderDueAt));
        if (inserted > 0) written.add(reminder.id);
      }
      return written;
    });
  }

  const reminders = rows.flatMap(({ reminder }) => (reminder && planned.has(reminder.id) ? [reminder] : []));
  if (reminders.length > 0) await dispatchOutboxMessages(getDb(), getJobProducer(), reminders);
  return entries.map(() => undefined);
}
