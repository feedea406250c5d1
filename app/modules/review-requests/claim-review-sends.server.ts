import { getBatchSql } from "~/db/get-batch-sql.server";
import { postgresTimestamp, sqliteTimestamp } from "~/db/sql-timestamps";

import type { ReviewEmailKind } from "./review-email-kind";

export interface SendToClaim {
  shopId: string;
  reviewRequestId: string;
  kind: ReviewEmailKind;
  attempt: { id: string; channel: string; messageIdHash: string | null; startedAt: Date };
}

/**
 * PostgreSQL: one statement, atomic on its own. Only a scheduled request, or a sent request
 * whose reminder is still due, can be claimed; each request is matched on its shop and id
 * together; an attempt is opened for each claim won.
 */
const POSTGRES_CLAIM = `WITH wanted AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
      AS e ("shopId", "reviewRequestId", "kind", "attemptId", "channel", "messageIdHash", "startedAt")
  ), requests AS (
    UPDATE "ReviewRequest" r SET "status" = 'sending', "updatedAt" = $8::timestamp(3)
    FROM wanted e
    WHERE e."kind" = 'request' AND r."shopId" = e."shopId" AND r."id" = e."reviewRequestId" AND r."status" = 'scheduled'
    RETURNING r."shopId", r."id", 'request' AS "kind"
  ), reminders AS (
    UPDATE "ReviewRequest" r SET "reminderDueAt" = NULL, "updatedAt" = $8::timestamp(3)
    FROM wanted e
    WHERE e."kind" = 'reminder' AND r."shopId" = e."shopId" AND r."id" = e."reviewRequestId"
      AND r."status" = 'sent' AND r."reminderSentAt" IS NULL AND r."reminderDueAt" IS NOT NULL
    RETURNING r."shopId", r."id", 'reminder' AS "kind"
  ), claimed AS (SELECT * FROM requests UNION ALL SELECT * FROM reminders)
  INSERT INTO "SendAttempt" ("id", "shopId", "reviewRequestId", "kind", "status", "messageIdHash", "startedAt", "channel")
  SELECT e."attemptId", e."shopId", e."reviewRequestId", e."kind", 'sending', e."messageIdHash", e."startedAt"::timestamp(3), e."channel"
  FROM wanted e JOIN claimed c ON c."shopId" = e."shopId" AND c."id" = e."reviewRequestId" AND c."kind" = e."kind"
  RETURNING "shopId", "reviewRequestId", "kind"`;

const SQLITE_CLAIM_REQUEST = `UPDATE "ReviewRequest" SET "status" = 'sending', "updatedAt" = ?
  WHERE "shopId" = ? AND "id" = ? AND "status" = 'scheduled'`;
const SQLITE_CLAIM_REMINDER = `UPDATE "ReviewRequest" SET "reminderDueAt" = NULL, "updatedAt" = ?
  WHERE "shopId" = ? AND "id" = ? AND "status" = 'sent' AND "reminderSentAt" IS NULL AND "reminderDueAt" IS NOT NULL`;
const SQLITE_OPEN_ATTEMPT = `INSERT INTO "SendAttempt" ("id", "shopId", "reviewRequestId", "kind", "status", "messageIdHash", "startedAt", "channel")
  VALUES (?, ?, ?, ?, 'sending', ?, ?, ?)`;

const keyOf = (entry: { shopId: string; reviewRequestId: string; kind: string }) => `${entry.kind}\n${entry.shopId}\n${entry.reviewRequestId}`;

/**
 * Claims requests (or their reminders) for sending, for many send jobs at once, and opens a
 * "sending" attempt for each claim won — atomically, so a batch that fails leaves nothing
 * claimed and can be redone entry by entry. A claim is a conditional update: of two runs of
 * the same job only one wins, and the other is told false (also within one batch: the first
 * entry holds the claim). Fixed statements (`getBatchSql`), like the send's other steps.
 */
export async function claimReviewSends(entries: readonly SendToClaim[]): Promise<boolean[]> {
  if (entries.length === 0) return [];
  const firsts = new Map<string, SendToClaim>();
  for (const entry of entries) if (!firsts.has(keyOf(entry))) firsts.set(keyOf(entry), entry);
  const candidates = [...firsts.values()];
  const now = new Date();
  const sql = getBatchSql();
  let won: Set<string>;
  if (sql.dialect === "postgresql") {
    const { rows } = await sql.pool.query<{ shopId: string; reviewRequestId: string; kind: string }>({
      name: "candor-claim-review-sends",
      text: POSTGRES_CLAIM,
      values: [
        candidates.map((entry) => entry.shopId),
        candidates.map((entry) => entry.reviewRequestId),
        candidates.map((entry) => entry.kind),
        candidates.map((entry) => entry.attempt.id),
        candidates.map((entry) => entry.attempt.channel),
        candidates.map((entry) => entry.attempt.messageIdHash),
        candidates.map((entry) => postgresTimestamp(entry.attempt.startedAt)),
        postgresTimestamp(now),
      ],
    });
    won = new Set(rows.map(keyOf));
  } else {
    won = await sql.db.$transaction(async (tx) => {
      const claimed = new Set<string>();
      for (const entry of candidates) {
        const claim = entry.kind === "request" ? SQLITE_CLAIM_REQUEST : SQLITE_CLAIM_REMINDER;
        if ((await tx.$executeRawUnsafe(claim, sqliteTimestamp(now), entry.shopId, entry.reviewRequestId)) === 0) continue;
        const { attempt } = entry;
        await tx.$executeRawUnsafe(
          SQLITE_OPEN_ATTEMPT,
          attempt.id,
          entry.shopId,
          entry.reviewRequestId,
          entry.kind,
          attempt.messageIdHash,
          sqliteTimestamp(attempt.startedAt),
          attempt.channel,
        );
        claimed.add(keyOf(entry));
      }
      return claimed;
    });
  }
  return entries.map((entry) => firsts.get(keyOf(entry)) === entry && won.has(keyOf(entry)));
}
