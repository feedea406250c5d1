import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("shop settings on the real database", () => {
  let database: TestDatabase;
  let settings: {
    get: typeof import("../../app/modules/settings/get-shop-settings.server").getShopSettings;
    update: typeof import("../../app/modules/settings/update-shop-settings.server").updateShopSettings;
    defaults: typeof import("../../app/modules/settings/shop-settings-schema").DEFAULT_SHOP_SETTINGS;
    disconnect: () => Promise<void>;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    settings = {
      get: (await import("../../app/modules/settings/get-shop-settings.server")).getShopSettings,
      update: (await import("../../app/modules/settings/update-shop-settings.server")).updateShopSettings,
      defaults: (await import("../../app/modules/settings/shop-settings-schema")).DEFAULT_SHOP_SETTINGS,
      disconnect: (await import("../../app/db.server")).disconnectDb,
    };
  });

  afterAll(async () => {
    await settings?.disconnect();
    await database?.drop();
  });

  it("starts from the defaults and keeps what a shop saves, per shop", async () => {
    expect(await settings.get("one.myshopify.com")).toEqual(settings.defaults);
    const saved = await settings.update("one.myshopify.com", { delayDays: 0, trigger: "delivered", retentionDays: { sendLog: 30 } });
    expect(saved).toMatchObject({ delayDays: 0, trigger: "delivered", retentionDays: { sendLog: 30, auditLog: 730 } });
    expect(await settings.get("one.myshopify.com")).toEqual(saved);
    expect(await settings.get("two.myshopify.com")).toEqual(settings.defaults);
  });

  it("refuses a bad update with a 422 naming each field, and changes nothing", async () => {
    await settings.update("three.myshopify.com", { delayDays: 5 });
    const before = await settings.get("three.myshopify.com");
    await expect(settings.update("three.myshopify.com", { delayDays: 3, channel: "fax", colour: "red" })).rejects.toMatchObject({
      status: 422,
      code: "unprocessable",
      details: { fields: expect.arrayContaining(["channel", "colour"]) },
    });
    expect(await settings.get("three.myshopify.com")).toEqual(before);
  });
});
