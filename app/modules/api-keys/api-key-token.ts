import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * An API key is `cndr_<key id>_<secret>`: the id finds the stored row, the secret (256 random
 * bits) proves possession. Only a SHA-256 hash of the whole key is stored.
 */
export const API_KEY_PREFIX = "cndr_";
const TOKEN_PATTERN = /^cndr_(key_[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function mintApiKeyToken(): { id: string; token: string } {
  const id = `key_${randomBytes(8).toString("hex")}`;
  return { id, token: `${API_KEY_PREFIX}${id}_${randomBytes(32).toString("base64url")}` };
}

export function parseApiKeyToken(token: string): { id: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]! } : null;
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function apiKeyTokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKeyToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function looksLikeApiKey(bearer: string): boolean {
  return bearer.startsWith(API_KEY_PREFIX);
}
