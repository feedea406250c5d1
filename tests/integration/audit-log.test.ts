import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { baseTestEnv } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * The audit log on the backend under test: append-only in the database itself, scoped to one
 * shop, filterable, exported as CSV (the export recorded too), and written by the data-request
 * register when a request is received and completed.
 */
describe("audit log", () => {
  let database: TestDatabase;
  let db: Db;
  let audit: {
    record: typeof import("../../app/modules/audit-log/record-audit-entry.server").recordAuditEntry;
    list: typeof import("../../app/modules/audit-log/list-audit-entries.server").listAuditEntries;
    exportCsv: typeof import("../../app/modules/audit-log/export-audit-log.server").exportAuditLog;
    recordDataRequest: typeof import("../../app/modules/data-rights/record-data-request.server").recordDataRequest;
    completeDataRequest: typeof import("../../app/modules/data-rights/complete-data-request.server").completeDataRequest;
  };
  let disconnectDb: () => Promise<void>;
  const savedEnv = { ...process.env };
  const SHOP_A = "audit-a.myshopify.com";
  const SHOP_B = "audit-b.myshopify.com";

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env = { ...process.env, ...baseTestEnv({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }) };
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    disconnectDb = dbModule.disconnectDb;
    audit = {
      record: (await import("../../app/modules/audit-log/record-audit-entry.server")).recordAuditEntry,
      list: (await import("../../app/modules/audit-log/list-audit-entries.server")).listAuditEntries,
      exportCsv: (await import("../../app/modules/audit-log/export-audit-log.server")).exportAuditLog,
      recordDataRequest: (await import("../../app/modules/data-rights/record-data-request.server")).recordDataRequest,
      completeDataRequest: (await import("../../app/modules/data-rights/complete-data-request.server")).completeDataRequest,
    };
  });

  afterAll(async () => {
    await disconnectDb?.();
    process.env = savedEnv;
    await database?.drop();
  });

  it("refuses to change an entry, in the database itself, and lets the retention purge delete it", async () => {
    const id = await audit.record(SHOP_A, { actor: { kind: "staff", userId: "1" }, action: "role.changed", target: { type: "staff-member", ref: "2" } });
    // PostgreSQL reports the trigger's message; Prisma's SQLite adapter reports RAISE(ABORT) as a constraint violation.
    const refusal = database.backend === "postgresql" ? /append-only/ : /constraint/i;
    await expect(db.auditEntry.update({ where: { id }, data: { action: "settings.changed" } })).rejects.toThrow(refusal);
    await expect(db.auditEntry.updateMany({ where: { shopId: SHOP_A }, data: { actorId: "9" } })).rejects.toThrow(refusal);
    expect(await db.auditEntry.findUnique({ where: { id } })).toMatchObject({ action: "role.changed", actorId: "1" });
    await db.auditEntry.delete({ where: { id } });
    expect(await db.auditEntry.count({ where: { id } })).toBe(0);
  });

  it("refuses details that are not counts, flags or short names", async () => {
    await expect(audit.record(SHOP_A, { actor: { kind: "system" }, action: "settings.changed", details: { note: "x".repeat(201) } })).rejects.toThrow();
    await expect(audit.record(SHOP_A, { actor: { kind: "system" }, action: "settings.changed", details: { "a b": 1 } })).rejects.toThrow();
  });

  it("enters a data request's arrival and completion, with who and the request id, once", async () => {
    const target = { customerRef: "c".repeat(64), emailRef: null, orderIds: [] };
    const entry = await audit.recordDataRequest(SHOP_A, target, { kind: "erasure", source: "api", requestedBy: "api-key:key_7", requestId: "req-77" });
    await audit.completeDataRequest(SHOP_A, entry.id, { counts: { reviewRequests: 3, reviews: 1 } }, { requestId: "req-77" });
    await audit.completeDataRequest(SHOP_A, entry.id, { counts: { reviewRequests: 3, reviews: 1 } }, { requestId: "req-77" });
    const rows = await db.auditEntry.findMany({ where: { shopId: SHOP_A, targetRef: entry.id }, orderBy: { occurredAt: "asc" } });
    expect(rows.map((row) => [row.action, row.actorKind, row.actorId, row.requestId])).toEqual([
      ["data-request.received", "api_key", "key_7", "req-77"],
      ["customer-data.erased", "api_key", "key_7", "req-77"],
    ]);
    expect(JSON.parse(rows[1]!.details)).toEqual({ reviewRequests: 3, reviews: 1 });
    // A request of another shop's id completes nothing here and records nothing.
    await audit.completeDataRequest(SHOP_B, entry.id, { counts: {} });
    expect(await db.auditEntry.count({ where: { shopId: SHOP_B } })).toBe(0);
  });

  it("lists one shop's entries, newest first, filtered by action, actor, outcome and day", async () => {
    const at = (iso: string) => new Date(iso);
    const seed = async (shopId: string, occurredAt: Date, action: "customer-data.viewed" | "access.denied", actorId: string, outcome: "allowed" | "denied" = "allowed") =>
      db.auditEntry.create({ data: { id: randomUUID(), shopId, occurredAt, actorKind: "staff", actorId, action, outcome, targetType: "route", targetRef: "/app/customer-data" } });
    await seed(SHOP_B, at("2026-11-01T10:00:00Z"), "customer-data.viewed", "10");
    await seed(SHOP_B, at("2026-11-02T23:59:00Z"), "customer-data.viewed", "11");
    await seed(SHOP_B, at("2026-11-03T00:00:00Z"), "access.denied", "11", "denied");
    await seed(SHOP_A, at("2026-11-02T12:00:00Z"), "customer-data.viewed", "10");

    const all = await audit.list(SHOP_B, { actor: undefined });
    expect(all.total).toBe(3);
    expect(all.entries.map((entry) => entry.occurredAt)).toEqual(["2026-11-03T00:00:00.000Z", "2026-11-02T23:59:00.000Z", "2026-11-01T10:00:00.000Z"]);
    expect((await audit.list(SHOP_B, { actor: "11" })).total).toBe(2);
    expect((await audit.list(SHOP_B, { actor: undefined, action: "access.denied" })).entries.map((entry) => entry.outcome)).toEqual(["denied"]);
    expect((await audit.list(SHOP_B, { actor: undefined, outcome: "allowed" })).total).toBe(2);
    expect((await audit.list(SHOP_B, { actor: undefined, from: "2026-11-02", to: "2026-11-02" })).entries.map((entry) => entry.actorId)).toEqual(["11"]);
  });

  it("exports the filtered log as CSV, oldest first, and records the export", async () => {
    const exported = await audit.exportCsv(SHOP_B, { actor: "11" }, { actor: { kind: "staff", userId: "12" }, requestId: "req-csv" });
    const lines = exported.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe('"occurred_at","actor_kind","actor_id","action","outcome","target_type","target_ref","request_id","details"');
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(['"2026-11-02T23:59:00.000Z"', '"2026-11-03T00:00:00.000Z"']);
    expect(exported.filename).toMatch(/^candor-audit-log-audit-b-\d{4}-\d{2}-\d{2}\.csv$/);
    const recorded = await db.auditEntry.findFirst({ where: { shopId: SHOP_B, action: "audit-log.exported" } });
    expect(recorded).toMatchObject({ actorId: "12", requestId: "req-csv" });
    expect(JSON.parse(recorded!.details)).toEqual({ rows: 2, actor: "11" });
  });
});
