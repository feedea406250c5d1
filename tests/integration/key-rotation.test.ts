import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { parseEncryptionKeys, type EncryptionKeyring } from "../../app/modules/crypto/parse-encryption-keys";
import { baseTestEnv } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const execFileAsync = promisify(execFile);
const key = () => randomBytes(32).toString("base64");

/**
 * Key rotation on the backend under test: every encrypted field of the data map is rewritten
 * with the new key, shop by shop, page by page; values stay bound to their row; the
 * documented command reports what each key still protects.
 */
describe("encryption key rotation", () => {
  let database: TestDatabase;
  let db: Db;
  let crypto: {
    encryptSecret: typeof import("../../app/modules/crypto/encrypt-secret.server").encryptSecret;
    decryptSecret: typeof import("../../app/modules/crypto/decrypt-secret.server").decryptSecret;
    reencryptShopSecrets: typeof import("../../app/modules/crypto/reencrypt-shop-secrets.server").reencryptShopSecrets;
    countCiphertextsByKey: typeof import("../../app/modules/crypto/count-ciphertexts-by-key.server").countCiphertextsByKey;
    listShopsHoldingSecrets: typeof import("../../app/modules/crypto/list-shops-holding-secrets.server").listShopsHoldingSecrets;
  };
  let disconnectDb: () => Promise<void>;
  const savedEnv = { ...process.env };

  const oldKey = key();
  const newKey = key();
  const lostKey = key();
  const oldRing = parseEncryptionKeys(`old:${oldKey}`);
  const rotatingRing = parseEncryptionKeys(`new:${newKey},old:${oldKey}`);
  const newOnlyRing = parseEncryptionKeys(`new:${newKey}`);
  const lostRing = parseEncryptionKeys(`lost:${lostKey}`);

  const SHOP_A = "rotation-a.myshopify.com";
  const SHOP_B = "rotation-b.myshopify.com";
  /** Plaintext of every encrypted value, by "table.column.rowId". */
  const plaintexts = new Map<string, string>();
  const reviewIdsA: string[] = [];
  let unreadableReviewId = "";

  function seal(ring: EncryptionKeyring, table: string, column: string, rowId: string, plaintext: string) {
    plaintexts.set(`${table}.${column}.${rowId}`, plaintext);
    return crypto.encryptSecret(plaintext, ring, { table, column, rowId });
  }

  async function seedShop(shopId: string, reviews: number) {
    const sessionId = `offline_${shopId}`;
    await db.shop.create({ data: { id: shopId } });
    await db.session.create({
      data: {
        id: sessionId,
        shop: shopId,
        state: "state",
        accessToken: seal(oldRing, "Session", "accessToken", sessionId, `shpat_${randomBytes(8).toString("hex")}`),
        refreshToken: seal(oldRing, "Session", "refreshToken", sessionId, `shprt_${randomBytes(8).toString("hex")}`),
      },
    });
    const ids: string[] = [];
    for (let index = 0; index < reviews; index += 1) {
      const id = randomUUID();
      ids.push(id);
      await db.review.create({
        data: {
          id,
          shopId,
          reviewRequestId: randomUUID(),
          orderId: `gid://shopify/Order/${index + 1}`,
          productId: "gid://shopify/Product/1",
          rating: 5,
          body: "Good.",
          displayName: seal(oldRing, "Review", "displayName", id, `Reviewer ${shopId} ${index}`),
          status: "published",
        },
      });
    }
    return ids;
  }

  async function storedValues(shopId: string) {
    const sessions = await db.session.findMany({ where: { shop: shopId } });
    const reviews = await db.review.findMany({ where: { shopId } });
    return [
      ...sessions.flatMap((row) => [
        { table: "Session", column: "accessToken", rowId: row.id, value: row.accessToken },
        { table: "Session", column: "refreshToken", rowId: row.id, value: row.refreshToken ?? "" },
      ]),
      ...reviews.map((row) => ({ table: "Review", column: "displayName", rowId: row.id, value: row.displayName })),
    ];
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env = { ...process.env, ...baseTestEnv({ DATABASE_URL: database.url, LOG_LEVEL: "silent", ENCRYPTION_KEYS: `new:${newKey},old:${oldKey}` }) };
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    disconnectDb = dbModule.disconnectDb;
    crypto = {
      encryptSecret: (await import("../../app/modules/crypto/encrypt-secret.server")).encryptSecret,
      decryptSecret: (await import("../../app/modules/crypto/decrypt-secret.server")).decryptSecret,
      reencryptShopSecrets: (await import("../../app/modules/crypto/reencrypt-shop-secrets.server")).reencryptShopSecrets,
      countCiphertextsByKey: (await import("../../app/modules/crypto/count-ciphertexts-by-key.server")).countCiphertextsByKey,
      listShopsHoldingSecrets: (await import("../../app/modules/crypto/list-shops-holding-secrets.server")).listShopsHoldingSecrets,
    };
    reviewIdsA.push(...(await seedShop(SHOP_A, 23)));
    await seedShop(SHOP_B, 3);
    // One value already on the new key, one written with a key nobody lists any more.
    await db.review.update({ where: { id: reviewIdsA[0] }, data: { displayName: seal(newOnlyRing, "Review", "displayName", reviewIdsA[0]!, "Already current") } });
    unreadableReviewId = reviewIdsA[1]!;
    await db.review.update({ where: { id: unreadableReviewId }, data: { displayName: seal(lostRing, "Review", "displayName", unreadableReviewId, "Lost") } });
  }, 60_000);

  afterAll(async () => {
    await disconnectDb?.();
    process.env = savedEnv;
    await database?.drop();
  });

  it("lists every shop holding encrypted values", async () => {
    expect(await crypto.listShopsHoldingSecrets()).toEqual([SHOP_A, SHOP_B]);
  });

  it("re-encrypts one shop's older values with the current key, page by page, and leaves other shops alone", async () => {
    const progress: number[] = [];
    const result = await crypto.reencryptShopSecrets(SHOP_A, { keyring: rotatingRing, batchSize: 5, onProgress: ({ reencrypted }) => progress.push(reencrypted) });

    expect(result.keyId).toBe("new");
    expect(result.columns).toEqual([
      { table: "Session", column: "accessToken", reencrypted: 1, changedMeanwhile: 0, unreadableRowIds: [] },
      { table: "Session", column: "refreshToken", reencrypted: 1, changedMeanwhile: 0, unreadableRowIds: [] },
      // 23 reviews: one already current, one unreadable, 21 rewritten over five pages.
      { table: "Review", column: "displayName", reencrypted: 21, changedMeanwhile: 0, unreadableRowIds: [unreadableReviewId] },
    ]);
    // 22 values to look at (21 readable, 1 not) in pages of 5: five reports for the reviews.
    const reviewProgress = progress.slice(2);
    expect(reviewProgress).toHaveLength(5);
    expect(reviewProgress).toEqual([...reviewProgress].sort((a, b) => a - b));
    expect(reviewProgress.at(-1)).toBe(21);

    for (const stored of await storedValues(SHOP_A)) {
      if (stored.rowId === unreadableReviewId) {
        expect(stored.value.startsWith("enc:v1:lost:")).toBe(true);
        continue;
      }
      expect(stored.value.startsWith("enc:v1:new:"), `${stored.table}.${stored.column}`).toBe(true);
      // Readable with the new key alone: the old one can go.
      expect(crypto.decryptSecret(stored.value, newOnlyRing, stored)).toBe(plaintexts.get(`${stored.table}.${stored.column}.${stored.rowId}`));
    }
    for (const stored of await storedValues(SHOP_B)) expect(stored.value.startsWith("enc:v1:old:")).toBe(true);

    const runs = await db.encryptionKeyRotation.findMany({ where: { shopId: SHOP_A } });
    expect(runs).toEqual([expect.objectContaining({ keyId: "new", status: "completed", reencrypted: 23, unreadable: 1, finishedAt: expect.any(Date) })]);
  });

  it("finds nothing left to do when run again", async () => {
    const again = await crypto.reencryptShopSecrets(SHOP_A, { keyring: rotatingRing, batchSize: 5 });
    expect(again.columns.map((column) => column.reencrypted)).toEqual([0, 0, 0]);
    expect(await crypto.countCiphertextsByKey(SHOP_A, rotatingRing)).toEqual({ byKeyId: { new: 24, old: 0 }, unlisted: 1 });
    expect(await crypto.countCiphertextsByKey(SHOP_B, rotatingRing)).toEqual({ byKeyId: { new: 0, old: 5 }, unlisted: 0 });
  });

  it("keeps each ciphertext bound to its row: a value copied to another row does not decrypt", async () => {
    const [first, second] = await db.review.findMany({ where: { shopId: SHOP_A, id: { in: reviewIdsA.slice(2, 4) } }, orderBy: { id: "asc" } });
    await db.review.update({ where: { id: second!.id }, data: { displayName: first!.displayName } });
    expect(() => crypto.decryptSecret(first!.displayName, newOnlyRing, { table: "Review", column: "displayName", rowId: second!.id })).toThrow(/failed authentication/);
    expect(() => crypto.decryptSecret(first!.displayName, newOnlyRing, { table: "Session", column: "accessToken", rowId: first!.id })).toThrow(/failed authentication/);
    await db.review.update({ where: { id: second!.id }, data: { displayName: seal(oldRing, "Review", "displayName", second!.id, "Restored") } });
  });

  it("is the documented command: rotates every shop, reports each key's remaining values, and exits 0 only when older keys protect nothing", async () => {
    const run = async (args: string[], ring: string) => {
      try {
        const { stdout } = await execFileAsync("npx", ["tsx", "scripts/rotate-encryption-keys.ts", ...args], {
          cwd: REPO_ROOT,
          env: { ...process.env, ENCRYPTION_KEYS: ring },
        });
        return { code: 0, stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, stdout: failed.stdout };
      }
    };
    await db.review.delete({ where: { id: unreadableReviewId } });

    const before = await run(["--check"], `new:${newKey},old:${oldKey}`);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/old: 6 \(still in use: run the rotation\)/);

    const rotated = await run(["--batch-size=2"], `new:${newKey},old:${oldKey}`);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain(`[2/2] ${SHOP_B} Review.displayName: 3 re-encrypted, 0 changed meanwhile, 0 unreadable`);
    expect(rotated.stdout).toMatch(/old: 0 \(unused: can be removed from ENCRYPTION_KEYS\)/);
    expect(rotated.stdout).not.toMatch(/Reviewer|shpat_|shprt_/);

    const retired = await run(["--check"], `new:${newKey}`);
    expect(retired.code).toBe(0);
    expect(retired.stdout).toMatch(/new: 29 \(current\)/);
    for (const stored of [...(await storedValues(SHOP_A)), ...(await storedValues(SHOP_B))]) {
      expect(crypto.decryptSecret(stored.value, newOnlyRing, stored)).toBe(plaintexts.get(`${stored.table}.${stored.column}.${stored.rowId}`));
    }
  }, 120_000);
});
