import { createHmac } from "node:crypto";

/**
 * Keyed blind index (HMAC-SHA256, hex): lets Candor find a customer's rows by customer GID
 * or email for data requests and erasure without storing either. The shop is part of the
 * input so the same customer has unrelated indexes in two shops.
 */
export function computeBlindIndex(
  key: Buffer,
  shopId: string,
  kind: "customer" | "email",
  value: string,
): string {
  const normalised = kind === "email" ? value.trim().toLowerCase() : value.trim();
  return createHmac("sha256", key)
    .update(`${kind}\u0000${shopId}\u0000${normalised}`, "utf8")
    .digest("hex");
}
