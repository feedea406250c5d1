import { getShopSettings } from "./get-shop-settings.server";
import { shopSettingsCache } from "./shop-settings-cache.server";
import type { ShopSettings } from "./shop-settings-schema";

/**
 * The shop's settings as this process read them at most SHOP_SETTINGS_TTL_MS ago: for the
 * jobs, which read them for every order. Pages and updates read the database.
 */
export function getCachedShopSettings(shopId: string): Promise<ShopSettings> {
  return shopSettingsCache.get(shopId, () => getShopSettings(shopId));
}
