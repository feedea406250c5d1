import { z } from "zod";

import { getPrivacyNotice } from "~/modules/privacy-notice/get-privacy-notice.server";

import { appendConsentEntry } from "./append-consent-entry.server";
import { parseConsentState } from "./consent-entry";

/** The minimised `customers_email_marketing_consent/update` event (see `minimiseWebhookEvent`). */
export const consentUpdateEventSchema = z.object({
  customerRef: z.string().nullable(),
  emailRef: z.string().nullable(),
  state: z.string().nullable(),
  consentUpdatedAt: z.string().nullable(),
});

export type ConsentUpdateEvent = z.output<typeof consentUpdateEventSchema>;

/**
 * Appends Shopify's consent change to the ledger, once per delivery (its id is the entry's id,
 * so a second run adds nothing). The change is dated by Shopify's consent_updated_at, else by
 * when Shopify sent the webhook. An unknown state is not recorded.
 */
export async function recordShopifyConsentUpdate(
  shopId: string,
  event: ConsentUpdateEvent,
  delivery: { id: string; sentAt: Date },
): Promise<"recorded" | "already-recorded" | "ignored"> {
  const state = parseConsentState(event.state);
  if (!state || (!event.customerRef && !event.emailRef)) return "ignored";
  const stated = event.consentUpdatedAt ? new Date(event.consentUpdatedAt) : null;
  const occurredAt = stated && !Number.isNaN(stated.getTime()) ? stated : delivery.sentAt;
  const { version } = await getPrivacyNotice(shopId);
  const appended = await appendConsentEntry(shopId, {
    id: delivery.id,
    refs: { customerRef: event.customerRef, emailRef: event.emailRef },
    state,
    source: "shopify_webhook",
    occurredAt,
    noticeVersion: version,
  });
  return appended ? "recorded" : "already-recorded";
}
