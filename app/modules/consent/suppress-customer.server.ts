import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { getPrivacyNotice } from "~/modules/privacy-notice/get-privacy-notice.server";
import { removePendingReviewJobs } from "~/modules/review-requests/remove-pending-review-jobs.server";

import { appendConsentEntry } from "./append-consent-entry.server";
import { matchCustomerRefs, type CustomerRefs } from "./customer-refs";
import { findCurrentConsent } from "./find-current-consent.server";

export type SuppressionSource = "unsubscribe_link" | "admin" | "erasure";

/**
 * Stops a shop from asking this customer again, at once: records the suppression (once),
 * appends "unsubscribed" to the consent ledger (unless that is already the current state),
 * cancels every request still scheduled, drops planned reminders, and takes their jobs out of
 * the queue. Safe to repeat.
 */
export async function suppressCustomer(
  shopId: string,
  refs: CustomerRefs,
  source: SuppressionSource,
): Promise<{ suppressed: boolean; cancelledRequests: number; cancelledReminders: number }> {
  const anyOf = matchCustomerRefs(refs);
  if (anyOf.length === 0) return { suppressed: false, cancelledRequests: 0, cancelledReminders: 0 };
  const db = getDb();
  const now = new Date();
  const reason = source === "unsubscribe_link" ? "unsubscribed" : "suppressed";
  // An erasure removes the ledger instead, so it appends nothing; its suppression is what remains.
  // The notice version is read before the transaction: it comes from the settings, not the ledger.
  const withdrawal = source === "erasure" ? null : { source, noticeVersion: (await getPrivacyNotice(shopId)).version };

  const { affectedIds, cancelledRequests, cancelledReminders } = await db.$transaction(async (tx) => {
    const existing = await tx.suppression.findFirst({
      where: { shopId, customerRef: refs.customerRef, emailRef: refs.emailRef },
      select: { id: true },
    });
    if (!existing) {
      await tx.suppression.create({ data: { id: randomUUID(), shopId, customerRef: refs.customerRef, emailRef: refs.emailRef, source } });
    }
    if (withdrawal && (await findCurrentConsent(shopId, [refs], tx))?.state !== "unsubscribed") {
      await appendConsentEntry(shopId, { refs, state: "unsubscribed", occurredAt: now, ...withdrawal }, tx);
    }
    const pending = await tx.reviewRequest.findMany({
      where: { shopId, OR: anyOf, status: "scheduled" },
      select: { id: true },
    });
    const withReminder = await tx.reviewRequest.findMany({
      where: { shopId, OR: anyOf, status: "sent", reminderDueAt: { not: null }, reminderSentAt: null },
      select: { id: true },
    });
    const cancelled = await tx.reviewRequest.updateMany({
      where: { shopId, id: { in: pending.map((row) => row.id) }, status: "scheduled" },
      data: { status: "cancelled", statusReason: reason, cancelledAt: now },
    });
    const reminders = await tx.reviewRequest.updateMany({
      where: { shopId, id: { in: withReminder.map((row) => row.id) }, reminderSentAt: null },
      data: { reminderDueAt: null },
    });
    return {
      affectedIds: [...pending, ...withReminder].map((row) => row.id),
      cancelledRequests: cancelled.count,
      cancelledReminders: reminders.count,
    };
  });

  await removePendingReviewJobs(shopId, affectedIds);
  return { suppressed: true, cancelledRequests, cancelledReminders };
}
