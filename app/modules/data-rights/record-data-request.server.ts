import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { auditActorFromRequester } from "~/modules/audit-log/audit-actor-from-requester";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";

import type { CustomerTarget } from "./customer-target";

const DAY_MS = 24 * 3_600_000;

/** GDPR Art. 12(3): one month; CCPA: 45 days. */
export const DATA_REQUEST_DUE_DAYS = { gdpr: 30, ccpa: 45 } as const;

export interface NewDataRequest {
  kind: "access" | "erasure";
  source: "shopify_webhook" | "admin" | "api";
  regime?: keyof typeof DATA_REQUEST_DUE_DAYS;
  requestedBy: string;
  shopifyRequestId?: string | null;
  receivedAt?: Date;
  /** The HTTP request it came from, for the audit log. */
  requestId?: string | null;
}

/**
 * Enters a data request in the shop's register with its legal due date. A Shopify request
 * delivered twice — one after the other or at the same instant (a unique key) — is entered once.
 */
export async function recordDataRequest(shopId: string, target: CustomerTarget, request: NewDataRequest): Promise<{ id: string; created: boolean }> {
  const db = getDb();
  const known = () =>
    request.shopifyRequestId
      ? db.dataRequest.findFirst({ where: { shopId, kind: request.kind, shopifyRequestId: request.shopifyRequestId }, select: { id: true } })
      : Promise.resolve(null);
  const existing = await known();
  if (existing) return { id: existing.id, created: false };

  const receivedAt = request.receivedAt ?? new Date();
  const regime = request.regime ?? "gdpr";
  const id = randomUUID();
  try {
    await db.dataRequest.create({
      data: {
        id,
        shopId,
        kind: request.kind,
        source: request.source,
        regime,
        customerRef: target.customerRef,
        emailRef: target.emailRef,
        orderIds: JSON.stringify(target.orderIds),
        shopifyRequestId: request.shopifyRequestId ?? null,
        status: "pending",
        requestedBy: request.requestedBy,
        receivedAt,
        dueAt: new Date(receivedAt.getTime() + DATA_REQUEST_DUE_DAYS[regime] * DAY_MS),
      },
    });
  } catch (error) {
    const raced = (error as { code?: unknown }).code === "P2002" ? await known() : null;
    if (!raced) throw error;
    return { id: raced.id, created: false };
  }
  await recordAuditEntry(shopId, {
    actor: auditActorFromRequester(request.requestedBy),
    action: "data-request.received",
    target: { type: "data-request", ref: id },
    requestId: request.requestId,
    details: { kind: request.kind, source: request.source, regime },
  });
  return { id, created: true };
}
