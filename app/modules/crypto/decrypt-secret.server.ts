import { createDecipheriv } from "node:crypto";

import { AppError } from "~/modules/errors/app-error";

import {
  associatedData,
  CIPHERTEXT_PREFIX,
  type CiphertextBinding,
} from "./encrypt-secret.server";
import type { EncryptionKeyring } from "./parse-encryption-keys";

/** Reads the key id a ciphertext was written with, or null for a value that is not one. */
export function ciphertextKeyId(value: string): string | null {
  if (!value.startsWith(`${CIPHERTEXT_PREFIX}:`)) return null;
  return value.split(":")[2] ?? null;
}

export function decryptSecret(
  value: string,
  keyring: EncryptionKeyring,
  binding: CiphertextBinding,
): string {
  const parts = value.split(":");
  if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== CIPHERTEXT_PREFIX) {
    throw new AppError("decryption_failed", "Stored value is not a Candor ciphertext");
  }
  const [, , keyId, nonce, ciphertext, tag] = parts as [string, string, string, string, string, string];
  const key = keyring.byId.get(keyId);
  if (!key) {
    throw new AppError(
      "decryption_failed",
      `Ciphertext was written with key '${keyId}', which is not in ENCRYPTION_KEYS`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new AppError(
      "decryption_failed",
      `Ciphertext for ${binding.table}.${binding.column} failed authentication`,
    );
  }
}
