import { createHash } from "node:crypto";

/**
 * A short, stable version of a notice: the first 12 hex digits of the SHA-256 of its texts.
 * The same settings and data map always give the same version, and any change to what the
 * customer is told gives a new one, so a consent ledger entry that names it proves which
 * notice applied.
 */
export function computeNoticeVersion(texts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(text).update("\u0000");
  return hash.digest("hex").slice(0, 12);
}
