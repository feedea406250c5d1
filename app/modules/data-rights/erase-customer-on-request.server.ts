import type { CustomerLookup } from "./customer-lookup";
import { completeDataRequest } from "./complete-data-request.server";
import { eraseCustomerData, type ErasureReceipt } from "./erase-customer-data.server";
import { recordDataRequest } from "./record-data-request.server";
import { requireKnownCustomer } from "./require-known-customer.server";
import { resolveCustomerTarget } from "./resolve-customer-target.server";

/**
 * An erasure asked for by staff (admin) or support tooling (API): entered in the register,
 * carried out, and closed with its receipt, which is returned.
 */
export async function eraseCustomerOnRequest(
  shopId: string,
  lookup: CustomerLookup,
  request: { source: "admin" | "api"; requestedBy: string; requestId?: string | null },
): Promise<ErasureReceipt & { dataRequestId: string; lookupComplete: boolean }> {
  const resolved = await resolveCustomerTarget(shopId, lookup);
  await requireKnownCustomer(shopId, lookup, resolved);
  const { target, complete } = resolved;
  const entry = await recordDataRequest(shopId, target, { kind: "erasure", source: request.source, requestedBy: request.requestedBy, requestId: request.requestId });
  const receipt = await eraseCustomerData(shopId, target, { requestedBy: request.requestedBy });
  await completeDataRequest(shopId, entry.id, receipt, { requestId: request.requestId, completedBy: request.requestedBy });
  return { ...receipt, dataRequestId: entry.id, lookupComplete: complete };
}
