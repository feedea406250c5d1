import { randomUUID } from "node:crypto";

import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sqliteFilePath } from "../../app/db/database-url";
import { applyMigrations, defaultMigrationsDirectory, readMigrationFolders } from "../../app/db/migrate.server";
import type { Db } from "../../app/db.server";
import { baseTestEnv } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const REFS_MIGRATION = "20261129080000_webhook_delivery_refs";

/**
 * Deliveries stored before the webhook deliveries had their own customer and order columns
 * name the customer only inside the minimised event: the migration copies them out, so an
 * inventory or erasure after the upgrade still finds them. Rows are written the way the
 * intake wrote them before the migration; the module functions run in this process.
 */
describe(`migration ${REFS_MIGRATION}`, () => {
  let database: TestDatabase;
  let db: Db;
  let appliedLater: string[];
  let modules: {
    findCustomerRecords: typeof import("../../app/modules/data-rights/find-customer-records.server").findCustomerRecords;
    eraseCustomerData: typeof import("../../app/modules/data-rights/erase-customer-data.server").eraseCustomerData;
    disconnectDb: typeof import("../../app/db.server").disconnectDb;
  };
  const savedEnv = { ...process.env };

  const SHOP = "backfill.myshopify.com";
  const OTHER_SHOP = "backfill-other.myshopify.com";
  const customer = { customerRef: "c".repeat(64), emailRef: "e".repeat(64) };
  const order = (id: number) => `gid://shopify/Order/${id}`;
  const ids = { fulfilled: randomUUID(), redact: randomUUID(), shipped: randomUUID(), uninstalled: randomUUID(), otherShop: randomUUID(), stranger: randomUUID() };

  /** The columns the intake wrote before the migration, nothing more. */
  async function insertOldDelivery(id: string, shopId: string, topic: string, event: Record<string, unknown>) {
    const receivedAt = new Date("2026-11-20T10:00:00.000Z");
    const values = [id, shopId, randomUUID(), topic, "2026-10", JSON.stringify(event)];
    const sql = `INSERT INTO "WebhookDelivery" ("id", "shopId", "webhookId", "topic", "apiVersion", "event", "receivedAt")`;
    if (database.backend === "sqlite") {
      const sqlite = new Database(sqliteFilePath(database.url));
      try {
        sqlite.prepare(`${sql} VALUES (?, ?, ?, ?, ?, ?, ?)`).run(...values, receivedAt.toISOString().replace("Z", "+00:00"));
      } finally {
        sqlite.close();
      }
    } else {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(`${sql} VALUES ($1, $2, $3, $4, $5, $6, $7)`, [...values, receivedAt.toISOString().replace("Z", "")]);
      } finally {
        await client.end();
      }
    }
  }

  beforeAll(async () => {
    const folders = readMigrationFolders(defaultMigrationsDirectory(process.env.TEST_DATABASE_BACKEND === "postgresql" ? "postgresql" : "sqlite"));
    const position = folders.findIndex((folder) => folder.name === REFS_MIGRATION);
    expect(position).toBeGreaterThan(0);
    database = await createTestDatabase(undefined, { migrateThrough: folders[position - 1]!.name });

    await insertOldDelivery(ids.fulfilled, SHOP, "ORDERS_FULFILLED", { orderId: order(1), ...customer, hasCustomer: true, lineItems: [] });
    await insertOldDelivery(ids.redact, SHOP, "CUSTOMERS_REDACT", { ...customer, orderIds: [order(2), order(3)], dataRequestId: null });
    await insertOldDelivery(ids.shipped, SHOP, "FULFILLMENT_EVENTS_CREATE", { fulfillmentId: "gid://shopify/Fulfillment/9", orderId: order(3), status: "delivered" });
    await insertOldDelivery(ids.uninstalled, SHOP, "APP_UNINSTALLED", {});
    await insertOldDelivery(ids.otherShop, OTHER_SHOP, "ORDERS_FULFILLED", { orderId: order(1), ...customer, hasCustomer: true, lineItems: [] });
    await insertOldDelivery(ids.stranger, SHOP, "ORDERS_FULFILLED", { orderId: order(4), customerRef: "x".repeat(64), emailRef: null, lineItems: [] });

    appliedLater = (await applyMigrations({ databaseUrl: database.url })).applied;

    process.env = { ...process.env, ...baseTestEnv({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }) };
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    modules = {
      findCustomerRecords: (await import("../../app/modules/data-rights/find-customer-records.server")).findCustomerRecords,
      eraseCustomerData: (await import("../../app/modules/data-rights/erase-customer-data.server")).eraseCustomerData,
      disconnectDb: dbModule.disconnectDb,
    };
  });

  afterAll(async () => {
    await modules?.disconnectDb();
    process.env = savedEnv;
    await database?.drop();
  });

  it("was pending when the old rows were written", () => {
    expect(appliedLater[0]).toBe(REFS_MIGRATION);
  });

  it("copies the blind indexes out of each stored event", async () => {
    const rows = await db.webhookDelivery.findMany({ where: { shopId: SHOP }, select: { id: true, customerRef: true, emailRef: true } });
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.customerRef, row.emailRef]]))).toEqual({
      [ids.fulfilled]: [customer.customerRef, customer.emailRef],
      [ids.redact]: [customer.customerRef, customer.emailRef],
      [ids.shipped]: [null, null],
      [ids.uninstalled]: [null, null],
      [ids.stranger]: ["x".repeat(64), null],
    });
  });

  it("records every order an event names, a compliance request's list included", async () => {
    const rows = await db.webhookDeliveryOrder.findMany();
    const described = (list: string[][]) => list.map((row) => row.join(" ")).sort();
    expect(described(rows.map((row) => [row.shopId, row.webhookDeliveryId, row.orderId]))).toEqual(
      described([
        [OTHER_SHOP, ids.otherShop, order(1)],
        [SHOP, ids.fulfilled, order(1)],
        [SHOP, ids.redact, order(2)],
        [SHOP, ids.redact, order(3)],
        [SHOP, ids.shipped, order(3)],
        [SHOP, ids.stranger, order(4)],
      ]),
    );
    expect(rows.every((row) => row.receivedAt.toISOString() === "2026-11-20T10:00:00.000Z")).toBe(true);
  });

  it("lets an inventory find the old deliveries by the customer and by a named order", async () => {
    const byCustomer = await modules.findCustomerRecords(SHOP, { ...customer, orderIds: [] });
    expect(byCustomer.webhookDeliveries.map((delivery) => delivery.id).sort()).toEqual([ids.fulfilled, ids.redact].sort());
    const byOrder = await modules.findCustomerRecords(SHOP, { customerRef: null, emailRef: null, orderIds: [order(3)] });
    expect(byOrder.webhookDeliveries.map((delivery) => delivery.id).sort()).toEqual([ids.redact, ids.shipped].sort());
  });

  it("lets an erasure remove them, with their order rows, and nothing of anyone else", async () => {
    const receipt = await modules.eraseCustomerData(SHOP, { ...customer, orderIds: [order(3)] }, { requestedBy: "test" });
    expect(receipt.counts.webhookDeliveries).toBe(3);
    const left = await db.webhookDelivery.findMany({ select: { id: true } });
    expect(left.map((row) => row.id).sort()).toEqual([ids.uninstalled, ids.otherShop, ids.stranger].sort());
    const orders = await db.webhookDeliveryOrder.findMany({ select: { webhookDeliveryId: true } });
    expect(orders.map((row) => row.webhookDeliveryId).sort()).toEqual([ids.otherShop, ids.stranger].sort());
  });
});
