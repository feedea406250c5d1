import { AppError } from "~/modules/errors/app-error";

import type { CustomerLookup } from "./customer-lookup";
import { findCustomerRecords } from "./find-customer-records.server";
import type { ResolvedCustomerTarget } from "./resolve-customer-target.server";

/**
 * A lookup that names a customer (or order) this shop's Shopify does not know, and of whom
 * Candor holds nothing, is a 404: it is someone else's id or a mistake, and nothing is entered
 * in the register for it. A customer Shopify no longer knows but Candor still holds records of
 * (deleted in Shopify) is still answered, and so is any lookup Shopify could not be asked about.
 */
export async function requireKnownCustomer(shopId: string, lookup: CustomerLookup, resolved: ResolvedCustomerTarget, recordsFound?: number): Promise<void> {
  if (resolved.knownToShopify !== false) return;
  const found =
    recordsFound ??
    Object.values(await findCustomerRecords(shopId, resolved.target)).reduce((sum, rows) => sum + (Array.isArray(rows) ? rows.length : 0), 0);
  if (found > 0) return;
  const what = "customerId" in lookup ? "customer with that id" : "email" in lookup ? "customer with that email address" : "order with that id";
  throw new AppError("not_found", `This shop has no ${what}, and Candor holds nothing for it.`);
}
