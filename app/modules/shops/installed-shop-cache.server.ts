import { createExpiringCache } from "~/modules/cache/create-expiring-cache";

/**
 * Whether a shop has the app installed, as this process last read it. The worker applies
 * `app/uninstalled` itself and drops the entry then; an install recorded by another process
 * shows here within the time to live.
 */
export const INSTALLED_SHOP_TTL_MS = 1_000;

export const installedShopCache = createExpiringCache<boolean>({ ttlMs: INSTALLED_SHOP_TTL_MS, maxEntries: 10_000 });
