import type { LegacyId } from "./types";

const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;
const LEGACY_ID_PATTERN = /^\d{1,20}$/;

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

export function isLegacyId(value: string): boolean {
  return LEGACY_ID_PATTERN.test(value) && BigInt(value) <= 0xffff_ffff_ffff_ffffn;
}

/** Shopify shop domains as the app sees them: lower case, `*.myshopify.com`. */
export function isShopDomain(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(value);
}
