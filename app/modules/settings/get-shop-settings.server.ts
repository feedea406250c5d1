import { getDb } from "~/db.server";
import { getLogger } from "~/modules/observability/logger.server";

import { DEFAULT_SHOP_SETTINGS, shopSettingsSchema, type ShopSettings } from "./shop-settings-schema";

/**
 * The shop's settings: what it saved, over the defaults (a setting added after the shop last
 * saved takes its default). A stored document that no longer validates falls back to the
 * defaults for the whole document and is logged, never half-applied.
 */
export async function getShopSettings(shopId: string): Promise<ShopSettings> {
  const row = await getDb().shopSettings.findUnique({ where: { shopId } });
  if (!row) return DEFAULT_SHOP_SETTINGS;
  const stored = JSON.parse(row.values) as Partial<ShopSettings>;
  const merged = {
    ...DEFAULT_SHOP_SETTINGS,
    ...stored,
    retentionDays: { ...DEFAULT_SHOP_SETTINGS.retentionDays, ...stored.retentionDays },
    emailCopy: { ...DEFAULT_SHOP_SETTINGS.emailCopy, ...stored.emailCopy },
  };
  const parsed = shopSettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  getLogger().error({ shop: shopId, fields: parsed.error.issues.map((issue) => issue.path.join(".")) }, "stored settings invalid; using defaults");
  return DEFAULT_SHOP_SETTINGS;
}
