import { createCipheriv, randomBytes } from "node:crypto";

import type { EncryptionKeyring } from "./parse-encryption-keys";

export const CIPHERTEXT_PREFIX = "enc:v1";

/**
 * What a ciphertext is bound to (AEAD associated data): decrypting it anywhere else fails,
 * so a value copied to another table, column or row is useless.
 */
export interface CiphertextBinding {
  table: string;
  column: string;
  rowId: string;
}

export function associatedData(binding: CiphertextBinding): Buffer {
  return Buffer.from(`${binding.table}\u0000${binding.column}\u0000${binding.rowId}`, "utf8");
}

/**
 * AES-256-GCM with a random 96-bit nonce. Output: `enc:v1:<kid>:<nonce>:<ciphertext>:<tag>`
 * (base64url parts), so any listed key can decrypt it later and rotation can find stale ids.
 */
export function encryptSecret(
  plaintext: string,
  keyring: EncryptionKeyring,
  binding: CiphertextBinding,
): string {
  const { id, key } = keyring.active;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(associatedData(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    CIPHERTEXT_PREFIX,
    id,
    nonce.toString("base64url"),
    ciphertext.toString("base64url"),
    tag.toString("base64url"),
  ].join(":");
}
