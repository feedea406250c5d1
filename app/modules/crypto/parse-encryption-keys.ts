export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface EncryptionKeyring {
  /** The key new ciphertexts are written with: the first one listed. */
  active: EncryptionKey;
  /** Every key that may still decrypt, by id (the active one included). */
  byId: ReadonlyMap<string, EncryptionKey>;
}

const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/**
 * Parses `ENCRYPTION_KEYS` (`kid:base64key,kid2:base64key2`, first one active).
 * Throws an Error whose message names the faulty entry by position and id, never the key.
 */
export function parseEncryptionKeys(value: string): EncryptionKeyring {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new Error("expected at least one key as kid:base64key");
  }

  const byId = new Map<string, EncryptionKey>();
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    const encoded = separator > 0 ? entry.slice(separator + 1) : "";
    const position = `entry ${index + 1}`;
    if (!KEY_ID_PATTERN.test(id)) {
      throw new Error(`${position}: key id must be 1-32 letters, digits, '-' or '_' followed by ':'`);
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw new Error(`${position} (${id}): key is not base64`);
    }
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES) {
      throw new Error(`${position} (${id}): key must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    if (byId.has(id)) {
      throw new Error(`${position}: key id '${id}' is listed twice`);
    }
    byId.set(id, { id, key });
  });

  const active = byId.values().next().value as EncryptionKey;
  return { active, byId };
}
