import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";

import { decryptSecret } from "./decrypt-secret.server";
import { encryptSecret } from "./encrypt-secret.server";
import { storeFor } from "./encrypted-column-store.server";
import { listEncryptedColumns } from "./list-encrypted-columns";
import type { EncryptionKeyring } from "./parse-encryption-keys";

export interface ColumnRotationResult {
  table: string;
  column: string;
  /** Values rewritten with the current key. */
  reencrypted: number;
  /** Values the application rewrote between our read and our write (already on the current key). */
  changedMeanwhile: number;
  /** Row ids whose value no listed key could decrypt, or that failed authentication. Left as they are. */
  unreadableRowIds: string[];
}

export interface ShopRotationResult {
  rotationId: string;
  keyId: string;
  columns: ColumnRotationResult[];
}

export interface ReencryptOptions {
  /** The keys to read with; the first (active) one writes. */
  keyring: EncryptionKeyring;
  batchSize?: number;
  onProgress?: (progress: { table: string; column: string; reencrypted: number }) => void;
}

/**
 * Re-encrypts every encrypted value of one shop that was written with an older key, page by
 * page, with the active key, keeping each value bound to its table, column and row. A value
 * the application changed meanwhile is left alone (it was written with the active key), so
 * the command can run beside the live app; running it again finds nothing left to do.
 * The run is recorded (counts only) for the security self-audit.
 */
export async function reencryptShopSecrets(shopId: string, { keyring, batchSize = 500, onProgress }: ReencryptOptions): Promise<ShopRotationResult> {
  const db = getDb();
  const keyId = keyring.active.id;
  const rotation = await db.encryptionKeyRotation.create({ data: { id: randomUUID(), shopId, keyId, status: "running" } });
  const columns: ColumnRotationResult[] = [];
  try {
    for (const encrypted of listEncryptedColumns()) {
      const store = storeFor(db, shopId, encrypted);
      const result: ColumnRotationResult = { ...encrypted, reencrypted: 0, changedMeanwhile: 0, unreadableRowIds: [] };
      let afterId = "";
      for (;;) {
        const page = await store.findNotWrittenWith(keyId, afterId, batchSize);
        if (page.length === 0) break;
        for (const { id, value } of page) {
          const binding = { ...encrypted, rowId: id };
          let plaintext: string;
          try {
            plaintext = decryptSecret(value, keyring, binding);
          } catch {
            result.unreadableRowIds.push(id);
            continue;
          }
          if (await store.replace(id, value, encryptSecret(plaintext, keyring, binding))) result.reencrypted += 1;
          else result.changedMeanwhile += 1;
        }
        afterId = page[page.length - 1]!.id;
        onProgress?.({ ...encrypted, reencrypted: result.reencrypted });
      }
      columns.push(result);
    }
  } catch (error) {
    await db.encryptionKeyRotation.updateMany({ where: { id: rotation.id, shopId }, data: { status: "failed", finishedAt: new Date(), ...totals(columns) } });
    throw error;
  }
  await db.encryptionKeyRotation.updateMany({ where: { id: rotation.id, shopId }, data: { status: "completed", finishedAt: new Date(), ...totals(columns) } });
  return { rotationId: rotation.id, keyId, columns };
}

function totals(columns: ColumnRotationResult[]) {
  return {
    reencrypted: columns.reduce((sum, column) => sum + column.reencrypted, 0),
    unreadable: columns.reduce((sum, column) => sum + column.unreadableRowIds.length, 0),
  };
}
