import { createExpiringCache } from "~/modules/cache/create-expiring-cache";

import type { ShopSettings } from "./shop-settings-schema";

/**
 * How long a process may go on using settings it read: a change saved by another process
 * (the admin is served by the web process, jobs run in the worker) applies within this time.
 */
export const SHOP_SETTINGS_TTL_MS = 1_000;

/** Settings read per job (scheduling, sending), per process; a save here drops its entry. */
export const shopSettingsCache = createExpiringCache<ShopSettings>({ ttlMs: SHOP_SETTINGS_TTL_MS, maxEntries: 10_000 });
