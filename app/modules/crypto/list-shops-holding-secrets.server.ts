import { getDb } from "~/db.server";

import { listShopsOfEncryptedTables } from "./encrypted-column-store.server";

/**
 * Every shop that may hold encrypted values: installed or not, and rows whose shop row is
 * gone. The one cross-shop read of this module: the key-rotation command needs the list to
 * then work shop by shop.
 */
export async function listShopsHoldingSecrets(): Promise<string[]> {
  const db = getDb();
  const shops = await db.shop.findMany({ select: { id: true } });
  return [...new Set([...shops.map((row) => row.id), ...(await listShopsOfEncryptedTables(db))])].sort();
}
