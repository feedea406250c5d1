import { randomUUID } from "node:crypto";

import type { Db } from "~/db.server";
import { getDb } from "~/db.server";

import type { ConsentSource, ConsentState } from "./consent-entry";
import type { CustomerRefs } from "./customer-refs";

export interface ConsentChange {
  refs: CustomerRefs;
  state: ConsentState;
  source: ConsentSource;
  /** When the change happened, as its source says. */
  occurredAt: Date;
  /** The privacy notice in force (see `getPrivacyNotice`). */
  noticeVersion: string;
  /** A stable id makes a replay of the same change a no-op (e.g. the webhook delivery's id). */
  id?: string;
}

/**
 * Appends one entry to the consent ledger. The ledger has no update path: a change is always a
 * new entry (and the database rejects an UPDATE). Pass a transaction's client to append in it.
 * Returns false when an entry with the same id is already there.
 */
export async function appendConsentEntry(shopId: string, change: ConsentChange, client: Pick<Db, "consentEntry"> = getDb()): Promise<boolean> {
  if (!change.refs.customerRef && !change.refs.emailRef) return false;
  const id = change.id ?? randomUUID();
  if (change.id && (await client.consentEntry.findFirst({ where: { id, shopId }, select: { id: true } }))) return false;
  await client.consentEntry.create({
    data: {
      id,
      shopId,
      customerRef: change.refs.customerRef,
      emailRef: change.refs.emailRef,
      state: change.state,
      source: change.source,
      occurredAt: change.occurredAt,
      noticeVersion: change.noticeVersion,
    },
  });
  return true;
}
