import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import type { CustomerInventory } from "./build-customer-inventory.server";
import type { CustomerLookup } from "./customer-lookup";
import { planCustomerErasure, type ErasurePlan } from "./plan-customer-erasure";
import { viewCustomerInventory } from "./view-customer-inventory.server";

export interface CustomerDataView {
  inventory: CustomerInventory;
  /** What "Erase this customer's data" would remove, anonymise and keep, from this inventory. */
  erasure: ErasurePlan;
  reviewsOnErasure: "delete" | "anonymise";
}

/**
 * The admin's customer-data screen for one customer of one shop: the inventory and what an
 * erasure would do to it. Changes no data; the view is recorded in the audit log.
 */
export async function getCustomerDataView(
  shopId: string,
  lookup: CustomerLookup,
  viewer: { requestedBy: string; requestId?: string | null },
): Promise<CustomerDataView> {
  const [inventory, settings] = await Promise.all([viewCustomerInventory(shopId, lookup, viewer), getShopSettings(shopId)]);
  return { inventory, erasure: planCustomerErasure(inventory.stores, settings.reviewsOnErasure), reviewsOnErasure: settings.reviewsOnErasure };
}
