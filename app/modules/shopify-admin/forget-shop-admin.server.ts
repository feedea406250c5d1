import { shopAdminCache } from "./shop-admin-cache.server";

/** Drops this process's copy of the shop's offline session (uninstalled, or its token refused). */
export function forgetShopAdmin(shop: string): void {
  shopAdminCache.delete(shop);
}
