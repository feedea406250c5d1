import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("shop settings on the real database", () => {
  let database: TestDatabase;
  let settings: {
    get: typeof import("../../app/modules/settings/get-shop-settings.server").getShopSettings;
    update: (shop: string, patch: unknown) => ReturnType<typeof import("../../app/modules/settings/update-shop-settings.server").updateShopSettings>;
    auditEntries: (shop: string) => Promise<Array<{ action: string; actorKind: string; actorId: string | null; details: string; requestId: string | null }>>;
    defaults: typeof import("../../app/modules/settings/shop-settings-schema").DEFAULT_SHOP_SETTINGS;
    disconnect: () => Promise<void>;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    settings = {
      get: (await import("../../app/modules/settings/get-shop-settings.server")).getShopSettings,
      update: async (shop, patch) =>
        (await import("../../app/modules/settings/update-shop-settings.server")).updateShopSettings(shop, patch, { requestedBy: "staff:4242", requestId: "req-settings-1" }),
      auditEntries: async (shop) => (await import("../../app/db.server")).getDb().auditEntry.findMany({ where: { shopId: shop }, orderBy: { occurredAt: "asc" } }),
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

  it("records who changed which settings in the audit log, names only, and nothing for a save that changes nothing", async () => {
    await settings.update("four.myshopify.com", { delayDays: 2, emailCopy: { fr: { subject: "Votre avis sur {shop_name}" } }, retentionDays: { sendLog: 30 } });
    await settings.update("four.myshopify.com", { delayDays: 2 });
    const entries = await settings.auditEntries("four.myshopify.com");
    expect(entries).toEqual([expect.objectContaining({ action: "settings.changed", actorKind: "staff", actorId: "4242", requestId: "req-settings-1" })]);
    expect(JSON.parse(entries[0]!.details)).toEqual({ settings: ["delayDays", "emailCopy.fr", "retentionDays.sendLog"] });
    expect(entries[0]!.details).not.toContain("Votre avis");
    expect(await settings.auditEntries("two.myshopify.com")).toEqual([]);
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
    expect((await settings.auditEntries("three.myshopify.com")).map((entry) => entry.action)).toEqual(["settings.changed"]);
  });
});
