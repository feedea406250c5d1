import type { Db } from "~/db.server";
import { getDb } from "~/db.server";

import { matchCustomerRefs, type CustomerRefs } from "./customer-refs";
import { deriveConsentState } from "./derive-consent-state";

/** Enough history to find the latest change even when entries arrived out of order. */
const RECENT_ENTRIES = 50;

/**
 * The customer's current consent from the ledger (the latest change, see `deriveConsentState`),
 * found by any of the blind indexes given; null when the ledger has nothing on them.
 */
export async function findCurrentConsent(
  shopId: string,
  knownAs: readonly CustomerRefs[],
  client: Pick<Db, "consentEntry"> = getDb(),
): Promise<{ state: string; source: string; occurredAt: Date; recordedAt: Date } | null> {
  const anyOf = knownAs.flatMap(matchCustomerRefs);
  if (anyOf.length === 0) return null;
  const entries = await client.consentEntry.findMany({
    where: { shopId, OR: anyOf },
    orderBy: [{ occurredAt: "desc" }, { recordedAt: "desc" }],
    take: RECENT_ENTRIES,
    select: { state: true, source: true, occurredAt: true, recordedAt: true },
  });
  return deriveConsentState(entries);
}
