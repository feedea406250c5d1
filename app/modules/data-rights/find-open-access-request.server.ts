import { getDb } from "~/db.server";
import { matchCustomerRefs } from "~/modules/consent/customer-refs";

import type { CustomerTarget } from "./customer-target";

/** The oldest pending access request of this customer in the shop's register, if any. */
export async function findOpenAccessRequest(shopId: string, target: CustomerTarget): Promise<{ id: string } | null> {
  const anyOf = matchCustomerRefs(target);
  if (anyOf.length === 0) return null;
  return getDb().dataRequest.findFirst({
    where: { shopId, kind: "access", status: "pending", OR: anyOf },
    orderBy: { receivedAt: "asc" },
    select: { id: true },
  });
}
