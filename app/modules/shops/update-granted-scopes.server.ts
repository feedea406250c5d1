import { getDb } from "~/db.server";

/** `app/scopes_update`: the shop's stored sessions carry the scopes the merchant now grants. */
export async function updateGrantedScopes(shopId: string, scopes: string[]): Promise<string> {
  const { count } = await getDb().session.updateMany({
    where: { shop: shopId },
    data: { scope: scopes.join(",") },
  });
  return `scopes-updated:${count}`;
}
