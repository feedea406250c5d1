import { getDb } from "~/db.server";

import { installedShopCache } from "./installed-shop-cache.server";

/** Called after Shopify hands Candor a token for the shop: the shop is (again) installed. */
export async function recordShopInstall(shopId: string): Promise<void> {
  const now = new Date();
  await getDb().shop.upsert({
    where: { id: shopId },
    create: { id: shopId, installedAt: now },
    update: { installedAt: now, uninstalledAt: null },
  });
  installedShopCache.delete(shopId);
}
