import { createExpiringCache } from "~/modules/cache/create-expiring-cache";
import type { unauthenticated } from "~/shopify.server";

export type ShopAdmin = Awaited<ReturnType<typeof unauthenticated.admin>>;

/**
 * Offline sessions loaded for Admin API calls, per process: loading one reads and decrypts its
 * token, for every query otherwise. A 401 drops the entry and the call is tried once with the
 * stored session (the shop may have reinstalled since); `app/uninstalled` drops it too.
 */
export const SHOP_ADMIN_TTL_MS = 60_000;

export const shopAdminCache = createExpiringCache<ShopAdmin>({ ttlMs: SHOP_ADMIN_TTL_MS, maxEntries: 10_000 });
