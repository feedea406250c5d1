/**
 * Key rotation: re-encrypts every encrypted field (those the data map marks
 * `encryptedAtRest`) of every shop with the first key of ENCRYPTION_KEYS, then reports how
 * many values each listed key still protects. A key that protects nothing can be removed.
 *
 * Usage:
 *   npm run keys:rotate                    rotate, then report
 *   npm run keys:rotate -- --check         report only (changes nothing)
 *   npm run keys:rotate -- --batch-size=200
 *
 * Runs beside the live app with the same environment. Safe to stop and run again.
 * Exit codes: 0 done, nothing left on an older key; 1 values left on an older or unlisted
 * key, or unreadable; 78 bad configuration.
 */
import { parseArgs } from "node:util";

import { disconnectDb } from "../app/db.server";
import { countCiphertextsByKey } from "../app/modules/crypto/count-ciphertexts-by-key.server";
import { listShopsHoldingSecrets } from "../app/modules/crypto/list-shops-holding-secrets.server";
import { reencryptShopSecrets } from "../app/modules/crypto/reencrypt-shop-secrets.server";
import { loadEnvOrExit } from "../server/load-env-or-exit";

const { values: options } = parseArgs({ options: { check: { type: "boolean", default: false }, "batch-size": { type: "string", default: "500" } } });
const batchSize = Number(options["batch-size"]);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error("--batch-size must be a whole number from 1 to 10000");
  process.exit(1);
}

const keyring = loadEnvOrExit("keys:rotate").ENCRYPTION_KEYS;
const shops = await listShopsHoldingSecrets();
console.log(`Current key: ${keyring.active.id}. Keys listed: ${[...keyring.byId.keys()].join(", ")}. Shops: ${shops.length}.`);

let problems = 0;
if (!options.check) {
  for (const [index, shop] of shops.entries()) {
    const result = await reencryptShopSecrets(shop, {
      keyring,
      batchSize,
      onProgress: ({ table, column, reencrypted }) => console.log(`  ${shop} ${table}.${column}: ${reencrypted} re-encrypted so far`),
    });
    for (const column of result.columns) {
      console.log(
        `[${index + 1}/${shops.length}] ${shop} ${column.table}.${column.column}: ${column.reencrypted} re-encrypted, ${column.changedMeanwhile} changed meanwhile, ${column.unreadableRowIds.length} unreadable`,
      );
      if (column.unreadableRowIds.length > 0) {
        problems += column.unreadableRowIds.length;
        console.log(`    unreadable rows (left as they are): ${column.unreadableRowIds.join(", ")}`);
      }
    }
  }
}

const totals: Record<string, number> = Object.fromEntries([...keyring.byId.keys()].map((id) => [id, 0]));
let unlisted = 0;
for (const shop of shops) {
  const census = await countCiphertextsByKey(shop, keyring);
  for (const [keyId, count] of Object.entries(census.byKeyId)) totals[keyId] = (totals[keyId] ?? 0) + count;
  unlisted += census.unlisted;
}
console.log("Encrypted values per key:");
for (const [keyId, count] of Object.entries(totals)) {
  const note = keyId === keyring.active.id ? "current" : count === 0 ? "unused: can be removed from ENCRYPTION_KEYS" : "still in use: run the rotation";
  console.log(`  ${keyId}: ${count} (${note})`);
  if (keyId !== keyring.active.id) problems += count;
}
if (unlisted > 0) console.log(`  keys not listed in ENCRYPTION_KEYS: ${unlisted} values cannot be read until their key is listed again`);
problems += unlisted;

await disconnectDb();
process.exitCode = problems > 0 ? 1 : 0;
