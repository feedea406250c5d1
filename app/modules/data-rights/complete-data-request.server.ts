import { getDb } from "~/db.server";

/** Closes a register entry with its receipt (counts and times only). Safe to repeat. */
export async function completeDataRequest(shopId: string, dataRequestId: string, receipt: unknown): Promise<void> {
  await getDb().dataRequest.updateMany({
    where: { id: dataRequestId, shopId },
    data: { status: "completed", completedAt: new Date(), receipt: JSON.stringify(receipt) },
  });
}
