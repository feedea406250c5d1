import { randomUUID } from "node:crypto";

import { z } from "zod";

import { getDb, type Db } from "~/db.server";

import { AUDIT_ACTIONS, type AuditAction, type AuditActor, type AuditTargetType } from "./audit-actions";

/** Details are counts, flags and names of things (settings, permissions), never free text from a customer. */
const detailsSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/), z.union([z.number(), z.boolean(), z.string().max(200), z.array(z.string().max(100)).max(50)]));

export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  outcome?: "allowed" | "denied";
  target?: { type: AuditTargetType; ref: string };
  requestId?: string | null;
  details?: Record<string, unknown>;
}

type AuditWriter = Pick<Db, "auditEntry">;

/**
 * Appends one entry to the shop's audit log, inside the caller's transaction when one is
 * given so the entry and the change it records commit together. Entries are never updated.
 */
export async function recordAuditEntry(shopId: string, input: AuditEntryInput, tx: AuditWriter = getDb()): Promise<string> {
  if (!AUDIT_ACTIONS.includes(input.action)) throw new Error(`Unknown audit action ${input.action}`);
  const id = randomUUID();
  await tx.auditEntry.create({
    data: {
      id,
      shopId,
      actorKind: input.actor.kind,
      actorId: input.actor.kind === "staff" ? input.actor.userId : input.actor.kind === "api_key" ? input.actor.keyId : null,
      action: input.action,
      outcome: input.outcome ?? "allowed",
      targetType: input.target?.type ?? null,
      targetRef: input.target?.ref ?? null,
      requestId: input.requestId ?? null,
      details: JSON.stringify(detailsSchema.parse(input.details ?? {})),
    },
  });
  return id;
}
