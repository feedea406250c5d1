import { computeBlindIndex } from "~/modules/crypto/compute-blind-index.server";
import { getEnv } from "~/modules/config/get-env.server";
import { auditActorFromRequester } from "~/modules/audit-log/audit-actor-from-requester";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";

import { buildCustomerInventory, type CustomerInventory } from "./build-customer-inventory.server";
import type { CustomerLookup } from "./customer-lookup";

/**
 * How the audit log names the customer looked up, without naming them: Shopify's customer or
 * order GID, or for an email the first characters of its blind index.
 */
function auditReference(shopId: string, lookup: CustomerLookup): string {
  if ("customerId" in lookup) return lookup.customerId;
  if ("orderId" in lookup) return lookup.orderId;
  return `email-ref:${computeBlindIndex(getEnv().BLIND_INDEX_KEY, shopId, "email", lookup.email).slice(0, 12)}`;
}

/** A staff member or API key reads one customer's inventory: the read is recorded in the audit log. */
export async function viewCustomerInventory(
  shopId: string,
  lookup: CustomerLookup,
  viewer: { requestedBy: string; requestId?: string | null },
): Promise<CustomerInventory> {
  const inventory = await buildCustomerInventory(shopId, lookup);
  await recordAuditEntry(shopId, {
    actor: auditActorFromRequester(viewer.requestedBy),
    action: "customer-data.viewed",
    target: { type: "customer", ref: auditReference(shopId, lookup) },
    requestId: viewer.requestId,
    details: { records: inventory.total, lookup: inventory.lookup },
  });
  return inventory;
}
