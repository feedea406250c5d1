import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("shop settings and installed state as the jobs read them (per-process copies, real database)", () => {
  let database: TestDatabase;
  let app: {
    db: typeof import("../../app/db.server");
    settings: typeof import("../../app/modules/settings/get-cached-shop-settings.server");
    update: typeof import("../../app/modules/settings/update-shop-settings.server");
    ttl: typeof import("../../app/modules/settings/shop-settings-cache.server");
    installed: typeof import("../../app/modules/shops/is-shop-installed.server");
    install: typeof import("../../app/modules/shops/record-shop-install.server");
    uninstall: typeof import("../../app/modules/shops/mark-shop-uninstalled.server");
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    app = {
      db: await import("../../app/db.server"),
      settings: await import("../../app/modules/settings/get-cached-shop-settings.server"),
      update: await import("../../app/modules/settings/update-shop-settings.server"),
      ttl: await import("../../app/modules/settings/shop-settings-cache.server"),
      installed: await import("../../app/modules/shops/is-shop-installed.server"),
      install: await import("../../app/modules/shops/record-shop-install.server"),
      uninstall: await import("../../app/modules/shops/mark-shop-uninstalled.server"),
    };
  });

  afterAll(async () => {
    await app?.db.disconnectDb();
    await database?.drop();
  });

  it("sees a settings save of its own process at once, and one saved by another process within the time to live", async () => {
    const shop = "cached-settings.myshopify.com";
    await app.update.updateShopSettings(shop, { delayDays: 4 }, { requestedBy: "staff:1" });
    expect((await app.settings.getCachedShopSettings(shop)).delayDays).toBe(4);
    await app.update.updateShopSettings(shop, { delayDays: 2 }, { requestedBy: "staff:1" });
    expect((await app.settings.getCachedShopSettings(shop)).delayDays).toBe(2);

    // Another process (the admin on the web server) writes the row.
    await app.db.getDb().shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 7 }) } });
    await new Promise((resolve) => setTimeout(resolve, app.ttl.SHOP_SETTINGS_TTL_MS + 100));
    expect((await app.settings.getCachedShopSettings(shop)).delayDays).toBe(7);
  });

  it("sees an uninstall and a reinstall recorded by its own process at once", async () => {
    const shop = "cached-install.myshopify.com";
    expect(await app.installed.isShopInstalled(shop)).toBe(false); // never installed
    await app.install.recordShopInstall(shop);
    expect(await app.installed.isShopInstalled(shop)).toBe(true);
    expect(await app.uninstall.markShopUninstalled(shop, new Date(Date.now() + 1_000))).toBe("uninstalled");
    expect(await app.installed.isShopInstalled(shop)).toBe(false);
    await app.install.recordShopInstall(shop);
    expect(await app.installed.isShopInstalled(shop)).toBe(true);
  });
});
