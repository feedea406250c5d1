import { selectByShopAndKey, type ShopAndKeySelect } from "./select-by-shop-and-key.server";

/**
 * One row per (shop, id) entry, in the entries' order, read in one round trip
 * (`selectByShopAndKey`): null where the id does not exist in that entry's shop. `convert`
 * turns a row as the driver returns it into the caller's shape (timestamps, for one).
 */
export async function findRowsByShopAndId<Row extends { shopId: string; id: string }, Result>(
  statement: ShopAndKeySelect,
  entries: ReadonlyArray<{ shopId: string; id: string }>,
  convert: (row: Row) => Result,
): Promise<Array<Result | null>> {
  if (entries.length === 0) return [];
  const keyOf = (shopId: string, id: string) => `${shopId}\n${id}`;
  const rows = await selectByShopAndKey<Row>(statement, entries.map((entry) => [entry.shopId, entry.id] as const));
  const byKey = new Map(rows.map((row) => [keyOf(row.shopId, row.id), convert(row)]));
  return entries.map((entry) => byKey.get(keyOf(entry.shopId, entry.id)) ?? null);
}
