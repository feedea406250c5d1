import { getDb } from "~/db.server";
import { auditActorFromRequester } from "~/modules/audit-log/audit-actor-from-requester";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";

/**
 * Closes a register entry with its receipt (counts and times only), and records in the audit
 * log who had the customer's data exported or erased (`completedBy`, by default whoever asked). Safe to repeat: the audit entry is
 * written once, when the request is first completed.
 */
export async function completeDataRequest(shopId: string, dataRequestId: string, receipt: unknown, context: { requestId?: string | null; completedBy?: string } = {}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const entry = await tx.dataRequest.findFirst({ where: { id: dataRequestId, shopId }, select: { kind: true, status: true, requestedBy: true } });
    if (!entry) return;
    await tx.dataRequest.updateMany({
      where: { id: dataRequestId, shopId },
      data: { status: "completed", completedAt: new Date(), receipt: JSON.stringify(receipt) },
    });
    if (entry.status === "completed") return;
    await recordAuditEntry(
      shopId,
      {
        actor: auditActorFromRequester(context.completedBy ?? entry.requestedBy),
        action: entry.kind === "erasure" ? "customer-data.erased" : "customer-data.exported",
        target: { type: "data-request", ref: dataRequestId },
        requestId: context.requestId,
        details: countsOf(receipt),
      },
      tx,
    );
  });
}

/** The numeric counts of a receipt (records per store), for the audit entry's details. */
function countsOf(receipt: unknown): Record<string, number> {
  if (!receipt || typeof receipt !== "object") return {};
  const counts = (receipt as { counts?: unknown }).counts;
  if (!counts || typeof counts !== "object") return {};
  return Object.fromEntries(Object.entries(counts).filter((entry): entry is [string, number] => typeof entry[1] === "number" && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(entry[0])));
}
