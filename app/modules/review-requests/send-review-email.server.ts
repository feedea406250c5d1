import { randomUUID } from "node:crypto";

import jwt from "jsonwebtoken";

import { getDb } from "~/db.server";
import type { ReviewEmailPayload } from "~/jobs/definitions";
import { getEnv } from "~/modules/config/get-env.server";
import type { CustomerRefs } from "~/modules/consent/customer-refs";
import { computeBlindIndex } from "~/modules/crypto/compute-blind-index.server";
import { isAppError } from "~/modules/errors/app-error";
import { createMessageId } from "~/modules/mail/create-message-id.server";
import { MailDeliveryError } from "~/modules/mail/mail-delivery-error";
import { sendEmail } from "~/modules/mail/send-email.server";
import { createBatcher } from "~/modules/runtime/create-batcher";
import { renderReviewRequestEmail } from "~/modules/review-emails/render-review-request-email";
import { createUnsubscribeLink } from "~/modules/review-links/create-unsubscribe-link.server";
import { verifyLinkToken } from "~/modules/review-links/verify-link-token.server";
import { getCachedShopSettings } from "~/modules/settings/get-cached-shop-settings.server";
import type { ShopSettings } from "~/modules/settings/shop-settings-schema";
import { AdminQueryError, ShopifyThrottledError, ShopUnavailableError } from "~/modules/shopify-admin/admin-api-errors";
import type { CostLimiter } from "~/modules/shopify-admin/create-cost-limiter.server";
import { isShopInstalled } from "~/modules/shops/is-shop-installed.server";

import { claimReviewSends } from "./claim-review-sends.server";
import { decideSendEligibility, type SendRefusal } from "./decide-send-eligibility";
import { fetchSendContext } from "./fetch-send-context.server";
import { findReviewRequestsToSend } from "./find-review-requests-to-send.server";
import { findSendChecks } from "./find-send-checks.server";
import { fireReviewFlowTrigger } from "./fire-review-flow-trigger.server";
import { recordReviewSends } from "./record-review-sends.server";
import type { ReviewEmailKind } from "./review-email-kind";
import type { SendContext } from "./send-context";

export type { ReviewEmailKind };

/**
 * The send jobs in flight at one time share their reads and writes: each step below is one
 * set of statements for every job that reached it in the same turn (`createBatcher`), rather
 * than one set per job. A failing batch is redone entry by entry, so one bad job fails alone.
 */
const MAX_SENDS_PER_BATCH = 100;
const findRequestToSend = createBatcher(findReviewRequestsToSend, { maxBatch: MAX_SENDS_PER_BATCH });
const findChecksForSend = createBatcher(findSendChecks, { maxBatch: MAX_SENDS_PER_BATCH });
const claimSend = createBatcher(claimReviewSends, { maxBatch: MAX_SENDS_PER_BATCH });
const recordSend = createBatcher(recordReviewSends, { maxBatch: MAX_SENDS_PER_BATCH });

/** What happened, in codes only; the job handler maps it onto the queue. */
export type SendOutcome =
  | { outcome: "sent" }
  | { outcome: "skipped"; reason: string }
  | { outcome: "cancelled"; reason: SendRefusal | "shop_uninstalled" | "link_expired" | "channel_not_email" }
  | { outcome: "delay"; until: Date }
  | { outcome: "retry"; code: string }
  | { outcome: "failed"; code: string };

export interface SendReviewEmailOptions {
  limiter: CostLimiter;
  /** No retry follows a transient failure of this run: record the request as failed. */
  isFinalAttempt: boolean;
  now?: Date;
}

const DAY_MS = 24 * 3_600_000;
const DUE_SLACK_MS = 1_000;

function tokenOf(reviewLink: string): string {
  return new URL(reviewLink).searchParams.get("token") ?? "";
}

/** The customer's blind indexes as Shopify knows them now (the address may have changed). */
function currentRefs(shop: string, context: SendContext): CustomerRefs {
  const key = getEnv().BLIND_INDEX_KEY;
  const customer = context.order?.customer;
  const email = customer ? customer.email : context.order?.guestEmail;
  return {
    customerRef: customer ? computeBlindIndex(key, shop, "customer", customer.id) : null,
    emailRef: email ? computeBlindIndex(key, shop, "email", email) : null,
  };
}

/**
 * Sends one review request (or its reminder) at its due time: re-checks everything against
 * the database and, just in time, the Admin API; renders the email in the customer's
 * language; sends it; records the attempt (outcome and Message-ID hash, never the address).
 * Safe to run twice: the request is claimed before the send, and a claim that outlived its
 * run (a crash mid-send) is closed as "outcome unknown" rather than risking a second email.
 */
export async function sendReviewEmail(
  shop: string,
  kind: ReviewEmailKind,
  payload: ReviewEmailPayload,
  options: SendReviewEmailOptions,
): Promise<SendOutcome> {
  const db = getDb();
  const now = options.now ?? new Date();

  let reviewRequestId: string;
  try {
    const claims = await verifyLinkToken(tokenOf(payload.reviewLink), "review");
    if (claims.shop !== shop) return { outcome: "failed", code: "link_for_another_shop" };
    reviewRequestId = claims.reviewRequestId;
  } catch (error) {
    if (isAppError(error) && error.code === "gone") {
      // The signature is checked before the expiry: the claims of an expired token are genuine.
      const expiredRequestId = jwt.decode(tokenOf(payload.reviewLink), { json: true })?.sub;
      if (expiredRequestId) await cancelRequest(shop, kind, expiredRequestId, "link_expired");
      return { outcome: "cancelled", reason: "link_expired" };
    }
    return { outcome: "failed", code: "link_invalid" };
  }

  const request = await findRequestToSend({ shopId: shop, id: reviewRequestId });
  if (!request) return { outcome: "failed", code: "review_request_missing" };
  if (request.orderId !== payload.orderId || request.productIds !== JSON.stringify(payload.productIds)) {
    return { outcome: "failed", code: "payload_mismatch" };
  }

  if (kind === "request" && request.status !== "scheduled") {
    if (request.status === "sending") {
      await closeInterruptedAttempt(shop, request.id, kind);
      return { outcome: "skipped", reason: "outcome_unknown" };
    }
    return { outcome: "skipped", reason: `already_${request.status}` };
  }
  if (kind === "reminder") {
    if (request.status !== "sent" || request.reminderSentAt) return { outcome: "skipped", reason: "no_reminder_due" };
    if (!request.reminderDueAt) {
      const interrupted = await db.sendAttempt.findFirst({ where: { shopId: shop, reviewRequestId: request.id, kind, status: "sending" } });
      if (interrupted) await closeInterruptedAttempt(shop, request.id, kind);
      return { outcome: "skipped", reason: interrupted ? "outcome_unknown" : "reminder_cancelled" };
    }
  }
  const dueAt = kind === "request" ? request.dueAt : (request.reminderDueAt as Date);
  if (dueAt.getTime() > now.getTime() + DUE_SLACK_MS) return { outcome: "delay", until: dueAt };

  if (!(await isShopInstalled(shop))) {
    await cancelRequest(shop, kind, request.id, "shop_uninstalled");
    return { outcome: "cancelled", reason: "shop_uninstalled" };
  }
  const settings = await getCachedShopSettings(shop);
  const channel = settings.channel;
  if (kind === "reminder" && channel !== "email") {
    // A shop on the Flow channel runs its own follow-ups in Flow.
    await cancelRequest(shop, kind, request.id, "channel_not_email");
    return { outcome: "cancelled", reason: "channel_not_email" };
  }

  let context: SendContext;
  try {
    context = await fetchSendContext(shop, { orderId: request.orderId, productIds: payload.productIds }, options.limiter, {
      includeAddress: channel === "email",
    });
  } catch (error) {
    if (error instanceof ShopifyThrottledError) return { outcome: "delay", until: new Date(Date.now() + error.retryAfterMs) };
    if (error instanceof ShopUnavailableError) {
      await cancelRequest(shop, kind, request.id, "shop_uninstalled");
      return { outcome: "cancelled", reason: "shop_uninstalled" };
    }
    if (error instanceof AdminQueryError) return { outcome: "failed", code: "admin_query_rejected" };
    return retryOrFail(shop, request.id, kind, "admin_api_unavailable", options.isFinalAttempt);
  }

  // A partial shipment or a guest order is known by its email only until now: complete the
  // blind indexes so caps, suppression and data requests find this request.
  const refs = currentRefs(shop, context);
  const missing = { customerRef: request.customerRef ?? refs.customerRef, emailRef: request.emailRef ?? refs.emailRef };
  if (missing.customerRef !== request.customerRef || missing.emailRef !== request.emailRef) {
    await db.reviewRequest.updateMany({ where: { id: request.id, shopId: shop }, data: missing });
  }
  // Read now: a suppression or a withdrawal recorded after scheduling (or after Shopify's
  // state) stops the send. The request's creation stands in for the order's date: created
  // before an erasure, it is covered.
  const { suppressed, ledgerConsent, otherRequests } = await findChecksForSend({
    shopId: shop,
    reviewRequestId: request.id,
    knownAs: [missing, refs],
    orderPlacedAt: request.createdAt,
    withOtherRequests: kind === "request",
  });
  const alreadyAsked = new Set<string>();
  let sentInLast30Days = 0;
  for (const other of otherRequests) {
    for (const productId of other.productIds) alreadyAsked.add(productId);
    if (other.sentAt && other.sentAt.getTime() >= now.getTime() - 30 * DAY_MS) sentInLast30Days += 1;
  }

  const decision = decideSendEligibility({
    channel,
    productIds: payload.productIds,
    settings,
    context,
    suppressed,
    alreadyAskedProductIds: alreadyAsked,
    expectsCustomer: request.customerRef !== null,
    sentInLast30Days,
    ledgerConsent,
  });
  if (decision.kind === "refuse") {
    await cancelRequest(shop, kind, request.id, decision.reason);
    return { outcome: "cancelled", reason: decision.reason };
  }

  // Claim: only one run may hold the request between here and the recorded outcome. One
  // conditional update decides, written with the attempt; a crash after it is closed as
  // "outcome unknown" by the next run (closeInterruptedAttempt). The Message-ID is chosen
  // now, so the attempt names the email before it leaves.
  const message = decision.recipient ? createMessageId() : null;
  const attemptId = randomUUID();
  const claimed = await claimSend({
    shopId: shop,
    reviewRequestId: request.id,
    kind,
    attempt: { id: attemptId, channel, messageIdHash: message?.messageIdHash ?? null, startedAt: now },
  });
  if (!claimed) return { outcome: "skipped", reason: "claimed_elsewhere" };

  try {
    if (decision.recipient && message) {
      await deliverEmail(shop, request.id, kind, payload, {
        now,
        settings,
        context,
        productIds: decision.productIds,
        recipient: decision.recipient,
        messageId: message.messageId,
      });
    } else {
      await fireReviewFlowTrigger(shop, { ...payload, productIds: decision.productIds }, options.limiter);
    }
  } catch (error) {
    const failure = classifyDeliveryFailure(error);
    await db.sendAttempt.updateMany({
      where: { id: attemptId, shopId: shop },
      data: { status: "failed", errorCode: failure.code, finishedAt: new Date() },
    });
    await releaseClaim(shop, request.id, kind, dueAt);
    if (failure.kind === "delay") return { outcome: "delay", until: new Date(Date.now() + failure.retryAfterMs) };
    if (failure.kind === "shop_gone") {
      await cancelRequest(shop, kind, request.id, "shop_uninstalled");
      return { outcome: "cancelled", reason: "shop_uninstalled" };
    }
    if (failure.kind === "permanent") {
      await markFailed(shop, request.id, kind, failure.reason);
      return { outcome: "failed", code: failure.code };
    }
    return retryOrFail(shop, request.id, kind, failure.code, options.isFinalAttempt);
  }

  await recordSend({
    shopId: shop,
    reviewRequestId: request.id,
    kind,
    attemptId,
    payload,
    reminderDays: kind === "request" && channel === "email" ? settings.reminderDays : null,
  });
  return { outcome: "sent" };
}

/** Renders the email in the customer's language and sends it. */
async function deliverEmail(
  shop: string,
  requestId: string,
  kind: ReviewEmailKind,
  payload: ReviewEmailPayload,
  input: {
    now: Date;
    settings: ShopSettings;
    context: SendContext;
    productIds: string[];
    recipient: { email: string; locale: string | null };
    messageId: string;
  },
): Promise<void> {
  const unsubscribeLink = await createUnsubscribeLink(shop, requestId, input.now);
  const byId = new Map(input.context.products.map((product) => [product.id, product]));
  const email = renderReviewRequestEmail({
    kind,
    locale: input.recipient.locale,
    shopName: input.context.shopName,
    products: input.productIds.map((id) => {
      const product = byId.get(id)!;
      return { title: product.title, imageUrl: product.imageUrl, imageAlt: product.imageAlt, productUrl: product.url };
    }),
    reviewLink: payload.reviewLink,
    unsubscribeLink,
    copy: input.settings.emailCopy,
  });
  await sendEmail({
    to: input.recipient.email,
    fromName: input.context.shopName,
    subject: email.subject,
    html: email.html,
    text: email.text,
    language: email.language,
    unsubscribeUrl: unsubscribeLink,
    messageId: input.messageId,
  });
}

type DeliveryFailure =
  | { kind: "delay"; code: string; retryAfterMs: number }
  | { kind: "shop_gone"; code: string }
  | { kind: "permanent"; code: string; reason: string }
  | { kind: "transient"; code: string };

/** SMTP and Flow failures as codes: what to do next, never the provider's text. */
function classifyDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof MailDeliveryError) {
    return error.permanent ? { kind: "permanent", code: error.code, reason: "address_rejected" } : { kind: "transient", code: error.code };
  }
  if (error instanceof ShopifyThrottledError) return { kind: "delay", code: "shopify_throttled", retryAfterMs: error.retryAfterMs };
  if (error instanceof ShopUnavailableError) return { kind: "shop_gone", code: "shop_unavailable" };
  if (error instanceof AdminQueryError) return { kind: "permanent", code: "flow_trigger_refused", reason: "flow_trigger_refused" };
  return { kind: "transient", code: error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "delivery_error" };
}

async function cancelRequest(shop: string, kind: ReviewEmailKind, requestId: string, reason: string): Promise<void> {
  const db = getDb();
  if (kind === "request") {
    await db.reviewRequest.updateMany({
      where: { id: requestId, shopId: shop, status: "scheduled" },
      data: { status: "cancelled", statusReason: reason, cancelledAt: new Date() },
    });
    return;
  }
  // A reminder that will not be sent: the request stays "sent"; the send log says why.
  await db.$transaction([
    db.reviewRequest.updateMany({ where: { id: requestId, shopId: shop, reminderSentAt: null }, data: { reminderDueAt: null } }),
    db.sendAttempt.create({
      data: { id: randomUUID(), shopId: shop, reviewRequestId: requestId, kind, status: "skipped", errorCode: reason, finishedAt: new Date() },
    }),
  ]);
}

async function releaseClaim(shop: string, requestId: string, kind: ReviewEmailKind, dueAt: Date): Promise<void> {
  const db = getDb();
  if (kind === "request") {
    await db.reviewRequest.updateMany({ where: { id: requestId, shopId: shop, status: "sending" }, data: { status: "scheduled" } });
  } else {
    await db.reviewRequest.updateMany({ where: { id: requestId, shopId: shop, reminderSentAt: null }, data: { reminderDueAt: dueAt } });
  }
}

async function markFailed(shop: string, requestId: string, kind: ReviewEmailKind, reason: string): Promise<void> {
  const db = getDb();
  if (kind === "request") {
    await db.reviewRequest.updateMany({ where: { id: requestId, shopId: shop, status: "scheduled" }, data: { status: "failed", statusReason: reason } });
  } else {
    await db.reviewRequest.updateMany({ where: { id: requestId, shopId: shop, reminderSentAt: null }, data: { reminderDueAt: null } });
  }
}

async function retryOrFail(shop: string, requestId: string, kind: ReviewEmailKind, code: string, isFinalAttempt: boolean): Promise<SendOutcome> {
  if (!isFinalAttempt) return { outcome: "retry", code };
  await markFailed(shop, requestId, kind, "retries_exhausted");
  return { outcome: "failed", code };
}

/** A run that died between claiming and recording: the email may or may not have left. */
async function closeInterruptedAttempt(shop: string, requestId: string, kind: ReviewEmailKind): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.sendAttempt.updateMany({
      where: { shopId: shop, reviewRequestId: requestId, kind, status: "sending" },
      data: { status: "failed", errorCode: "outcome_unknown", finishedAt: new Date() },
    }),
    ...(kind === "request"
      ? [db.reviewRequest.updateMany({ where: { id: requestId, shopId: shop, status: "sending" }, data: { status: "failed", statusReason: "outcome_unknown" } })]
      : []),
  ]);
}
