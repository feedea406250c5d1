import type { LegacyId } from "./types";

const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

export function toGid(type: string, id: LegacyId): string {
  return `gid://shopify/${type}/${id}`;
}

export interface ParsedGid {
  type: string;
  id: LegacyId;
}

export function parseGid(gid: string): ParsedGid | null {
  const match = GID_PATTERN.exec(gid);
  if (!match?.[1] || !match[2]) return null;
  return { type: match[1], id: match[2] };
}

/** Shopify shop domains as the app sees them: lower case, `*.myshopify.com`. */
export function isShopDomain(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(value);
}
