import { getDb } from "~/db.server";

import { storeFor } from "./encrypted-column-store.server";
import { listEncryptedColumns } from "./list-encrypted-columns";
import type { EncryptionKeyring } from "./parse-encryption-keys";

export interface CiphertextCensus {
  /** Per listed key id, how many of the shop's encrypted values name it. */
  byKeyId: Record<string, number>;
  /** Values naming a key id that is not listed (they cannot be read until it is). */
  unlisted: number;
}

/**
 * How many of one shop's encrypted values each key still protects: a key whose count is
 * zero in every shop can be removed from ENCRYPTION_KEYS.
 */
export async function countCiphertextsByKey(shopId: string, keyring: EncryptionKeyring): Promise<CiphertextCensus> {
  const db = getDb();
  const byKeyId: Record<string, number> = Object.fromEntries([...keyring.byId.keys()].map((id) => [id, 0]));
  let unlisted = 0;
  for (const encrypted of listEncryptedColumns()) {
    const store = storeFor(db, shopId, encrypted);
    let listed = 0;
    for (const keyId of keyring.byId.keys()) {
      const count = await store.countWrittenWith(keyId);
      byKeyId[keyId] = (byKeyId[keyId] ?? 0) + count;
      listed += count;
    }
    unlisted += (await store.countCiphertexts()) - listed;
  }
  return { byKeyId, unlisted };
}
