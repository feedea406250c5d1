import { getDb } from "~/db.server";

import { installedShopCache } from "./installed-shop-cache.server";

/** True while the shop has the app installed (read at most INSTALLED_SHOP_TTL_MS ago). */
export function isShopInstalled(shopId: string): Promise<boolean> {
  return installedShopCache.get(shopId, async () => {
    const shop = await getDb().shop.findUnique({ where: { id: shopId }, select: { uninstalledAt: true } });
    return shop !== null && shop.uninstalledAt === null;
  });
}
