import { getDb } from "~/db.server";

import { matchCustomerRefs, type CustomerRefs } from "./customer-refs";
import { suppressionCoversOrder } from "./suppression-covers-order";

/**
 * True when this shop must not ask the customer again (unsubscribed, suppressed, erased). An
 * erasure that lets new orders be asked covers only orders placed before it: pass when the
 * order was placed (unknown counts as before, the safe side). A customer known under more
 * than one set of blind indexes (stored and current) is looked up in one query.
 */
export async function isCustomerSuppressed(
  shopId: string,
  refs: CustomerRefs | readonly CustomerRefs[],
  orderPlacedAt: Date | null = null,
): Promise<boolean> {
  const anyOf = matchCustomerRefs(refs);
  if (anyOf.length === 0) return false;
  const found = await getDb().suppression.findMany({ where: { shopId, OR: anyOf }, select: { appliesToOrdersBefore: true } });
  return found.some((row) => suppressionCoversOrder(row, orderPlacedAt));
}
