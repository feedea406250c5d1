import { getDb } from "~/db.server";
import { forgetShopAdmin } from "~/modules/shopify-admin/forget-shop-admin.server";

import { installedShopCache } from "./installed-shop-cache.server";

/**
 * `app/uninstalled`: the shop's tokens are dead, so its sessions are deleted, and the shop is
 * marked (its data stays until `shop/redact`, which Shopify sends 48 hours later). An
 * uninstall older than the latest install (webhooks arrive out of order) changes nothing.
 * Safe to run twice.
 */
export async function markShopUninstalled(shopId: string, uninstalledAt: Date): Promise<"uninstalled" | "stale"> {
  const db = getDb();
  const shop = await db.shop.findUnique({ where: { id: shopId } });
  if (shop && shop.installedAt > uninstalledAt) return "stale";
  await db.$transaction([
    db.session.deleteMany({ where: { shop: shopId } }),
    db.shop.upsert({
      where: { id: shopId },
      create: { id: shopId, installedAt: uninstalledAt, uninstalledAt },
      update: { uninstalledAt },
    }),
  ]);
  installedShopCache.delete(shopId);
  forgetShopAdmin(shopId);
  return "uninstalled";
}
