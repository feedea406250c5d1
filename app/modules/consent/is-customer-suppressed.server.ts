import { getDb } from "~/db.server";

import { matchCustomerRefs, type CustomerRefs } from "./customer-refs";

/** True when this shop must not ask the customer again (unsubscribed, suppressed, erased). */
export async function isCustomerSuppressed(shopId: string, refs: CustomerRefs): Promise<boolean> {
  const anyOf = matchCustomerRefs(refs);
  if (anyOf.length === 0) return false;
  const found = await getDb().suppression.findFirst({ where: { shopId, OR: anyOf }, select: { id: true } });
  return found !== null;
}
