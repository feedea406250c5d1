import type { CustomerLookup } from "./customer-lookup";
import { completeDataRequest } from "./complete-data-request.server";
import { exportCustomerData, type CustomerExport } from "./export-customer-data.server";
import { recordDataRequest } from "./record-data-request.server";
import { findOpenAccessRequest } from "./find-open-access-request.server";
import { requireKnownCustomer } from "./require-known-customer.server";
import { resolveCustomerTarget } from "./resolve-customer-target.server";

/** An access request answered at once: the export, entered in the register with a count-only receipt. */
export async function exportCustomerOnRequest(
  shopId: string,
  lookup: CustomerLookup,
  request: { source: "admin" | "api"; requestedBy: string; format: "json" | "csv"; requestId?: string | null },
): Promise<CustomerExport> {
  const resolved = await resolveCustomerTarget(shopId, lookup);
  await requireKnownCustomer(shopId, lookup, resolved);
  const { target } = resolved;
  // An access request already open for this customer (e.g. Shopify's customers/data_request) is
  // the one this export answers; otherwise the export is entered as a request of its own.
  const open = await findOpenAccessRequest(shopId, target);
  const entry = open ?? (await recordDataRequest(shopId, target, { kind: "access", source: request.source, requestedBy: request.requestedBy, requestId: request.requestId }));
  const exported = await exportCustomerData(shopId, lookup, request.format);
  await completeDataRequest(shopId, entry.id, {
    exportedAt: exported.inventory.generatedAt,
    requestedBy: request.requestedBy,
    format: request.format,
    counts: Object.fromEntries(exported.inventory.stores.map((store) => [store.store, store.records.length])),
  }, { requestId: request.requestId, completedBy: request.requestedBy });
  return { filename: exported.filename, contentType: exported.contentType, body: exported.body };
}
