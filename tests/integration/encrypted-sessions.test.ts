import { randomBytes } from "node:crypto";

import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb, type Db } from "../../app/db.server";
import { parseEncryptionKeys } from "../../app/modules/crypto/parse-encryption-keys";
import { EncryptedSessionStorage } from "../../app/modules/sessions/encrypted-session-storage.server";
import { dumpDatabase } from "../support/dump-database";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("Shopify sessions at rest", () => {
  let database: TestDatabase;
  let db: Db;
  const oldKey = `k2025:${randomBytes(32).toString("base64")}`;
  const newKey = `k2026:${randomBytes(32).toString("base64")}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const session = (shop: string, token: string) =>
    new Session({ id: `offline_${shop}`, shop, state: "state", isOnline: false, scope: "read_orders", accessToken: token, refreshToken: `${token}-refresh` });

  it("stores no token in clear, and reads it back through the storage", async () => {
    const storage = new EncryptedSessionStorage(() => db, () => parseEncryptionKeys(oldKey));
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    await storage.storeSession(session("vault.myshopify.com", token));

    const raw = await dumpDatabase(db, database.url);
    expect(raw).toContain("vault.myshopify.com");
    expect(raw).not.toContain(token);
    const row = await db.session.findUniqueOrThrow({ where: { id: "offline_vault.myshopify.com" } });
    expect(row.accessToken).toMatch(/^enc:v1:k2025:/);
    expect(row.refreshToken).toMatch(/^enc:v1:k2025:/);

    const loaded = await storage.loadSession("offline_vault.myshopify.com");
    expect(loaded?.accessToken).toBe(token);
    expect(loaded?.refreshToken).toBe(`${token}-refresh`);
    expect((await storage.findSessionsByShop("vault.myshopify.com")).map((found) => found.accessToken)).toEqual([token]);
  });

  it("keeps reading old-key tokens after a new key is added first", async () => {
    const before = new EncryptedSessionStorage(() => db, () => parseEncryptionKeys(oldKey));
    await before.storeSession(session("rotating.myshopify.com", "shpat_old"));
    const after = new EncryptedSessionStorage(() => db, () => parseEncryptionKeys(`${newKey},${oldKey}`));
    expect((await after.loadSession("offline_rotating.myshopify.com"))?.accessToken).toBe("shpat_old");
    await after.storeSession(session("rotating.myshopify.com", "shpat_new"));
    const row = await db.session.findUniqueOrThrow({ where: { id: "offline_rotating.myshopify.com" } });
    expect(row.accessToken).toMatch(/^enc:v1:k2026:/);
  });

  it("refuses a token ciphertext copied onto another shop's session", async () => {
    const storage = new EncryptedSessionStorage(() => db, () => parseEncryptionKeys(oldKey));
    await storage.storeSession(session("victim.myshopify.com", "shpat_victim"));
    await storage.storeSession(session("attacker.myshopify.com", "shpat_attacker"));
    const victim = await db.session.findUniqueOrThrow({ where: { id: "offline_victim.myshopify.com" } });
    await db.session.update({ where: { id: "offline_attacker.myshopify.com" }, data: { accessToken: victim.accessToken } });
    await expect(storage.loadSession("offline_attacker.myshopify.com")).rejects.toThrow(/failed authentication/);
  });
});
