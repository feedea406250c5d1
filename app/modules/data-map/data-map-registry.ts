import type { RetentionCategory, ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { Role } from "./roles";

/**
 * The data map: every place Candor keeps or hands on data, and every field of it, with its
 * category, purpose, legal basis, retention and the roles that may see it. The admin's
 * data-flow map, the customer inventory, the record of processing (GDPR Art. 30) and
 * `GET /api/v1/data-map` are built from it (see `listDataMap`), and a test compares it with
 * prisma/models.prisma and the job definitions, so it cannot drift from the code.
 *
 * Pure data: no I/O.
 */

/** Where the data sits: Candor's own stores, or the services it hands data to. */
export type StorageSystem = "database" | "redis" | "smtp" | "shopify";

/** What a field is, whatever its table. */
export type DataCategory =
  /** A shop domain or a Shopify GID (order, product, webhook id). */
  | "shopify-identifier"
  /** A keyed HMAC-SHA256 blind index of a customer GID or email: finds rows, reveals neither. */
  | "pseudonymous-customer-key"
  /** A webhook payload reduced to identifiers, flags and blind indexes. */
  | "minimised-event"
  /** A job's payload: identifiers and the review link. */
  | "job-payload"
  /** A signed, expiring link that names a shop and a review request. */
  | "signed-link"
  /** Rating, title and text a customer wrote. */
  | "review-content"
  /** The name a reviewer chose to show with their review. */
  | "customer-chosen-name"
  /** A customer's email address (only ever in transit, never stored). */
  | "contact-address"
  /** A customer's email marketing state or language, read from Shopify at send time. */
  | "customer-preference"
  /** A customer's country, read from Shopify at send time to pick the consent rules. */
  | "customer-location"
  /** A rendered review email, as handed to the email provider. */
  | "email-content"
  /** A staff member's identity or id. */
  | "staff-identity"
  /** An API token or its ciphertext. */
  | "credential"
  /** A consent, an opt-out or an erasure decision. */
  | "consent-record"
  /** The proof that a data request was answered: counts, times, who asked. */
  | "receipt"
  /** The shop's own settings. */
  | "configuration"
  /** Row ids, states, times, error codes and other bookkeeping. */
  | "operational";

/**
 * "personal": identifies a person on its own or is about one (an address, a name, free text).
 * "pseudonymous": points to a person only through another system or key (an order GID, a
 * blind index). "none": says nothing about a person.
 */
export type PersonalData = "none" | "pseudonymous" | "personal";

/** How one customer's rows of a store are found (for the inventory, export and erasure). */
export type CustomerLink = "customerRef/emailRef" | "reviewRequestId" | "orderIds" | "none";

/**
 * Rules that are not a merchant-chosen window. What each means, and the date it gives, is
 * documented on `computeDeletionDate`.
 */
export type FixedRetentionRule =
  | "until-uninstall"
  | "until-uninstall+48h"
  | "relayed+7d"
  | "finished+90d"
  | "with-review-request"
  | "while-job-pending"
  | "processor-terms"
  | "not-stored";

/**
 * What keeps a record past its window: a field holding one of the values (a review request
 * still to be sent), or a step planned (`planned` set) and not yet done (`done` empty).
 */
export type RetentionHold = { field: string; in: readonly string[] } | { planned: string; done: string };

/**
 * A retention window of the shop's settings (`retentionDays[category]`) counted from one
 * date field of the record — kept anyway while a hold matches — or a fixed rule.
 */
export type Retention =
  | { category: RetentionCategory; from: string; keptWhile?: readonly RetentionHold[] }
  | { rule: FixedRetentionRule };

export const LEGAL_BASES = {
  contract: "GDPR Art. 6(1)(b) contract — providing the app the merchant installed",
  "legitimate-interest-operations":
    "GDPR Art. 6(1)(f) legitimate interest — running the service reliably and securely (no lost or doubled jobs, troubleshooting)",
  "legitimate-interest-review-requests":
    "GDPR Art. 6(1)(f) legitimate interest — asking buyers to review what they bought (soft opt-in, with an opt-out in every email)",
  "legitimate-interest-moderation":
    "GDPR Art. 6(1)(f) legitimate interest — checking reviews before and after they are published",
  "consent-marketing": "GDPR Art. 6(1)(a) consent — the customer subscribed to the shop's marketing emails",
  "consent-review": "GDPR Art. 6(1)(a) consent — the customer chose to submit the review for publication",
  "legal-obligation-objection":
    "GDPR Art. 6(1)(c) legal obligation — honouring an opt-out or erasure (Art. 17, Art. 21(3)) so the customer is not asked again",
  "legal-obligation-accountability":
    "GDPR Art. 6(1)(c) legal obligation — Art. 12/17 accountability (answering data requests on time and proving it)",
  "legal-obligation-consent-proof":
    "GDPR Art. 6(1)(c) legal obligation — Art. 7(1) and 21: showing what the customer agreed to or withdrew, when, and under which notice",
  "legal-obligation-storage-limitation":
    "GDPR Art. 6(1)(c) legal obligation — Art. 5(1)(e) storage limitation and Art. 5(2) accountability (removing data once its retention window ends, and being able to show it was done)",
  "not-processed": "None needed — Candor never fills this field",
} as const;

export type LegalBasisId = keyof typeof LEGAL_BASES;

/**
 * A legal basis, or one that follows the shop's consent mode: asking only subscribed
 * customers rests on their consent; asking every buyer who has not opted out rests on the
 * shop's legitimate interest (soft opt-in).
 */
export type LegalBasisRef = LegalBasisId | { byConsentMode: Record<ShopSettings["consentMode"], LegalBasisId> };

const REVIEW_REQUEST_BASIS: LegalBasisRef = {
  byConsentMode: { consent_required: "consent-marketing", soft_opt_in: "legitimate-interest-review-requests" },
};

export interface DataMapField {
  category: DataCategory;
  personalData: PersonalData;
  /** Why it is kept, in one plain sentence. */
  purpose: string;
  /** Defaults to the entry's. */
  legalBasis?: LegalBasisRef;
  /** Defaults to the entry's. */
  retention?: Retention;
  /** Defaults to the entry's. */
  visibleTo?: readonly Role[];
  /** Only in use when the shop sends through this channel. */
  activeWhen?: { channel: ShopSettings["channel"] };
  /**
   * Stored as an AES-256-GCM ciphertext bound to its table, column and row (app/modules/crypto);
   * the key-rotation command re-encrypts exactly the fields marked so.
   */
  encryptedAtRest?: true;
}

export interface DataMapEntry {
  /** A Prisma model, a job's payload on the queue, a processor Candor hands data to, or a source it reads from. */
  kind: "model" | "job-payload" | "processor" | "source";
  /** The model name, the job name, or a short name of the service. */
  name: string;
  system: StorageSystem;
  description: string;
  customerLink: CustomerLink;
  /** How one customer's data is found here, in plain words. */
  customerLinkNote: string;
  legalBasis: LegalBasisRef;
  retention: Retention;
  visibleTo: readonly Role[];
  /** Only in use when the shop sends through this channel. */
  activeWhen?: { channel: ShopSettings["channel"] };
  /**
   * Rows that belong to a review request are deleted with it when that comes before their
   * own rule, so none is ever left pointing at a request that is gone.
   */
  deletedWithReviewRequest?: boolean;
  fields: Readonly<Record<string, DataMapField>>;
}

const EVERYONE: readonly Role[] = ["owner", "admin", "support", "marketing", "viewer"];
/** Order and product identifiers, review content: staff who work with orders and reviews. */
const STAFF_EXCEPT_MARKETING: readonly Role[] = ["owner", "admin", "support", "viewer"];
/** Customer keys, data requests, raw events and queued payloads: who answers customers. */
const CUSTOMER_DATA_ROLES: readonly Role[] = ["owner", "admin", "support"];
const ADMINS: readonly Role[] = ["owner", "admin"];
/** Secrets, and data Candor never shows because it does not keep it. */
const NOBODY: readonly Role[] = [];

const UNTIL_SHOP_REDACT: Retention = { rule: "until-uninstall+48h" };

/**
 * A review request is kept while it is still to be sent (scheduled, or being sent) and while
 * its reminder is planned but not sent; the window counts from its last change, which for a
 * settled request is when it was sent, reminded, cancelled or failed.
 */
const REVIEW_REQUEST_RETENTION: Retention = {
  category: "reviewRequests",
  from: "updatedAt",
  keptWhile: [{ field: "status", in: ["scheduled", "sending"] }, { planned: "reminderDueAt", done: "reminderSentAt" }],
};

const shopIdField: DataMapField = {
  category: "shopify-identifier",
  personalData: "none",
  purpose: "The shop the row belongs to (its myshopify.com domain), so every query is scoped to one shop.",
};

const rowId = (what: string): DataMapField => ({
  category: "operational",
  personalData: "none",
  purpose: `Random id of the ${what}.`,
});

const time = (purpose: string): DataMapField => ({ category: "operational", personalData: "none", purpose });

const customerKeys = (what: string): { customerRef: DataMapField; emailRef: DataMapField } => ({
  customerRef: {
    category: "pseudonymous-customer-key",
    personalData: "pseudonymous",
    purpose: `Keyed HMAC blind index of the customer's Shopify GID: finds ${what} of one customer without storing who they are.`,
    visibleTo: CUSTOMER_DATA_ROLES,
  },
  emailRef: {
    category: "pseudonymous-customer-key",
    personalData: "pseudonymous",
    purpose: `Keyed HMAC blind index of the customer's normalised email address: finds ${what} of one customer without storing the address.`,
    visibleTo: CUSTOMER_DATA_ROLES,
  },
});

/** A staff field of Shopify's session shape that Candor leaves empty: it stores offline sessions only. */
const unusedStaffField = (what: string, personalData: PersonalData = "personal"): DataMapField => ({
  category: "staff-identity",
  personalData,
  purpose: `${what} of the staff member of an online session. Never filled: Candor uses offline tokens only, so the column stays empty (or at its default); it exists because Shopify's session shape has it.`,
  legalBasis: "not-processed",
  visibleTo: NOBODY,
});

/** Every Prisma model of prisma/models.prisma, field by field. */
export const DATA_MAP_MODELS: readonly DataMapEntry[] = [
  {
    kind: "model",
    name: "Shop",
    system: "database",
    description: "A shop that installed Candor: its domain, install and uninstall times and Shopify plan.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "contract",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: EVERYONE,
    fields: {
      id: { category: "shopify-identifier", personalData: "none", purpose: "The shop's permanent myshopify.com domain." },
      installedAt: time("When the app was (last) installed, so an older uninstall webhook is ignored."),
      uninstalledAt: time("When the app was uninstalled: sending stops and the shop's data is removed at shop/redact."),
      planName: { category: "configuration", personalData: "none", purpose: "The shop's Shopify plan, which sets the Admin API cost budget." },
      updatedAt: time("When the row last changed."),
    },
  },
  {
    kind: "model",
    name: "Session",
    system: "database",
    description:
      "The shop's Shopify offline session: the Admin API access token (and refresh token, when Shopify issues one), stored as AES-256-GCM ciphertexts bound to their row.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "contract",
    retention: { rule: "until-uninstall" },
    visibleTo: ADMINS,
    fields: {
      id: { category: "operational", personalData: "none", purpose: "Session id as Shopify's library names it (the offline session of the shop)." },
      shop: shopIdField,
      state: { category: "operational", personalData: "none", purpose: "OAuth state value Shopify's library keeps with the session." },
      isOnline: { category: "operational", personalData: "none", purpose: "Always false: Candor uses offline sessions only." },
      scope: { category: "configuration", personalData: "none", purpose: "The Admin API access scopes the shop granted." },
      expires: time("When the access token expires, if it does."),
      accessToken: {
        category: "credential",
        personalData: "none",
        purpose: "AES-256-GCM ciphertext of the Admin API access token, used to call Shopify for the shop; never the token in clear.",
        visibleTo: NOBODY,
        encryptedAtRest: true,
      },
      userId: unusedStaffField("Shopify user id", "pseudonymous"),
      firstName: unusedStaffField("First name"),
      lastName: unusedStaffField("Last name"),
      email: unusedStaffField("Email address"),
      accountOwner: unusedStaffField("Whether it is the account owner"),
      locale: unusedStaffField("Admin language"),
      collaborator: unusedStaffField("Whether it is a collaborator account"),
      emailVerified: unusedStaffField("Whether the email address is verified"),
      refreshToken: {
        category: "credential",
        personalData: "none",
        purpose: "AES-256-GCM ciphertext of the refresh token of an expiring offline token; never the token in clear.",
        visibleTo: NOBODY,
        encryptedAtRest: true,
      },
      refreshTokenExpires: time("When the refresh token expires."),
    },
  },
  {
    kind: "model",
    name: "WebhookDelivery",
    system: "database",
    description:
      "One accepted Shopify webhook: its id (to ignore a retried delivery), topic, times, and the minimised event — identifiers, flags and keyed blind indexes, never the raw payload.",
    customerLink: "customerRef/emailRef",
    customerLinkNote: "By the blind indexes the minimised event names (copied to customerRef/emailRef), or through WebhookDeliveryOrder by the orders it names.",
    legalBasis: "legitimate-interest-operations",
    retention: { category: "webhookDedupeKeys", from: "receivedAt" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      id: rowId("delivery"),
      shopId: shopIdField,
      webhookId: { category: "shopify-identifier", personalData: "none", purpose: "Shopify's X-Shopify-Webhook-Id: a retried delivery is recognised and ignored." },
      topic: { category: "operational", personalData: "none", purpose: "The webhook topic, which decides how the event is applied." },
      apiVersion: { category: "operational", personalData: "none", purpose: "The Admin API version of the payload." },
      triggeredAt: time("When Shopify says the event happened, to apply events in order."),
      receivedAt: time("When Candor accepted the delivery; the retention window counts from it."),
      event: {
        category: "minimised-event",
        personalData: "pseudonymous",
        purpose:
          "The event reduced to what Candor acts on: order, fulfilment, line item and product GIDs, statuses, flags and blind indexes of the customer GID and email — no name, address, phone, email or amount.",
      },
      processedAt: time("When the worker applied the event."),
      ...customerKeys("the webhook deliveries"),
    },
  },
  {
    kind: "model",
    name: "WebhookDeliveryOrder",
    system: "database",
    description:
      "The orders a webhook delivery's minimised event names, one row each (a compliance request names several), so the deliveries about a customer's orders are found without reading every event.",
    customerLink: "orderIds",
    customerLinkNote: "By the order GIDs of the customer's review requests and of their data request; removed with the delivery.",
    legalBasis: "legitimate-interest-operations",
    retention: { category: "webhookDedupeKeys", from: "receivedAt" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      shopId: shopIdField,
      webhookDeliveryId: { category: "operational", personalData: "none", purpose: "The delivery whose event names the order." },
      orderId: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "An order GID the event names." },
      receivedAt: time("When the delivery was accepted; the row ages out with its delivery."),
    },
  },
  {
    kind: "model",
    name: "OutboxMessage",
    system: "database",
    description:
      "A job written in the same transaction as the state that calls for it, then handed to the queue; kept until relayed and a week after.",
    customerLink: "reviewRequestId",
    customerLinkNote: "A review email's message id is its job id, made from the review request id.",
    legalBasis: "legitimate-interest-operations",
    retention: { rule: "relayed+7d" },
    deletedWithReviewRequest: true,
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      id: { category: "operational", personalData: "none", purpose: "The job id (for a review email, made from the review request id), so a replay cannot queue it twice." },
      shopId: shopIdField,
      jobName: { category: "operational", personalData: "none", purpose: "Which job to queue, with its version." },
      payload: {
        category: "job-payload",
        personalData: "pseudonymous",
        purpose: "The job's payload (identifiers and the review link only), validated against the job's schema before it is queued.",
      },
      createdAt: time("When the message was written."),
      relayedAt: time("When it was handed to the queue; empty while it is still owed."),
      attempts: { category: "operational", personalData: "none", purpose: "How many times handing it to the queue failed." },
      lastError: { category: "operational", personalData: "none", purpose: "The last queue error, for troubleshooting." },
      availableAt: time("When a delayed job should run; empty runs it at once."),
    },
  },
  {
    kind: "model",
    name: "ShopSettings",
    system: "database",
    description: "The shop's settings: when and how to ask, consent mode, email copy, retention windows.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "contract",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: EVERYONE,
    fields: {
      shopId: shopIdField,
      values: {
        category: "configuration",
        personalData: "none",
        purpose: "The settings document (validated on every read and write); product exclusions and the merchant's own email text, no customer data.",
      },
      version: { category: "operational", personalData: "none", purpose: "Shape version of the settings document, so older documents can be upgraded." },
      updatedAt: time("When the settings last changed."),
    },
  },
  {
    kind: "model",
    name: "EncryptionKeyRotation",
    system: "database",
    description:
      "One run of the key-rotation command over the shop: the id of the key made current, counts of re-encrypted and unreadable values, and times. The security self-audit reads the age of the last run.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "legitimate-interest-operations",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: ADMINS,
    fields: {
      id: rowId("rotation run"),
      shopId: shopIdField,
      keyId: { category: "configuration", personalData: "none", purpose: "The id of the key the values were re-encrypted with; never the key." },
      status: { category: "operational", personalData: "none", purpose: "running, completed or failed." },
      startedAt: time("When the run started."),
      finishedAt: time("When the run ended."),
      reencrypted: { category: "operational", personalData: "none", purpose: "How many ciphertexts were rewritten with the current key." },
      unreadable: { category: "operational", personalData: "none", purpose: "How many could not be decrypted with any listed key (left as they were)." },
    },
  },
  {
    kind: "model",
    name: "AuditEntry",
    system: "database",
    description:
      "The audit log: who (a staff user id or an API key id) viewed, exported or erased customer data, changed roles, keys or settings, or handled a data request — by reference, never with the data itself. Append-only.",
    customerLink: "none",
    customerLinkNote:
      "Names customers only by a short prefix of their blind index in targetRef, which cannot be turned back into a customer; kept as proof of who accessed data (GDPR Art. 5(2), 32).",
    legalBasis: "legal-obligation-accountability",
    retention: { category: "auditLog", from: "occurredAt" },
    visibleTo: ADMINS,
    fields: {
      id: rowId("audit entry"),
      shopId: shopIdField,
      occurredAt: time("When it happened."),
      actorKind: { category: "operational", personalData: "none", purpose: "staff, api_key, shopify or system." },
      actorId: { category: "staff-identity", personalData: "pseudonymous", purpose: "The staff member's Shopify user id or the API key's id; never a name or email." },
      action: { category: "operational", personalData: "none", purpose: "What was done, as a typed action name." },
      outcome: { category: "operational", personalData: "none", purpose: "allowed, or denied when a permission was missing." },
      targetType: { category: "operational", personalData: "none", purpose: "The kind of thing acted on." },
      targetRef: {
        category: "operational",
        personalData: "pseudonymous",
        purpose: "The thing acted on, by reference: a data-request, review, staff or key id, a setting name, or the first characters of a customer's blind index.",
      },
      requestId: { category: "operational", personalData: "none", purpose: "The HTTP request id, to match the entry with the service logs." },
      details: { category: "operational", personalData: "none", purpose: "Counts, setting and permission names; no customer data." },
    },
  },
  {
    kind: "model",
    name: "ApiKey",
    system: "database",
    description:
      "An API key for support tooling: the name the merchant gave it, a SHA-256 hash of the key (never the key), its permissions, expiry, who created or revoked it (staff ids) and when it was last used.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "legitimate-interest-operations",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: ADMINS,
    fields: {
      id: { category: "operational", personalData: "none", purpose: "The key's id, also the first part of the key itself." },
      shopId: shopIdField,
      label: { category: "configuration", personalData: "none", purpose: "What the key is for, as the merchant named it." },
      secretHash: { category: "credential", personalData: "none", purpose: "SHA-256 hash of the key, to recognise it; the key is shown once and never stored.", visibleTo: NOBODY },
      permissions: { category: "configuration", personalData: "none", purpose: "The permissions the key was given." },
      createdBy: { category: "staff-identity", personalData: "pseudonymous", purpose: "The staff user id that created the key." },
      createdAt: time("When the key was created."),
      expiresAt: time("When the key stops working."),
      revokedAt: time("When the key was revoked."),
      revokedBy: { category: "staff-identity", personalData: "pseudonymous", purpose: "The staff user id that revoked the key." },
      lastUsedAt: time("When the key was last used (to the minute), for the access review."),
    },
  },
  {
    kind: "model",
    name: "AccessReview",
    system: "database",
    description: "A completed access review: which staff user id confirmed the shop's roles and API keys, when, and how many of each there were.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "legal-obligation-accountability",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: ADMINS,
    fields: {
      id: rowId("access review"),
      shopId: shopIdField,
      reviewedBy: { category: "staff-identity", personalData: "pseudonymous", purpose: "The staff user id that completed the review." },
      reviewedAt: time("When the review was completed."),
      staffCount: { category: "operational", personalData: "none", purpose: "How many staff members were listed." },
      activeKeys: { category: "operational", personalData: "none", purpose: "How many API keys were active." },
    },
  },
  {
    kind: "model",
    name: "ReviewRequest",
    system: "database",
    description:
      "A review request: which products of which order to ask about, and when. The customer is known only by keyed blind indexes; the address is read from Shopify at send time and never stored.",
    customerLink: "customerRef/emailRef",
    customerLinkNote: "By the blind indexes of the customer GID and email, or by the order GID.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: REVIEW_REQUEST_RETENTION,
    visibleTo: EVERYONE,
    fields: {
      id: rowId("review request"),
      shopId: shopIdField,
      orderId: {
        category: "shopify-identifier",
        personalData: "pseudonymous",
        purpose: "The order GID: the order the request is about, re-checked with Shopify at send time.",
        visibleTo: STAFF_EXCEPT_MARKETING,
      },
      groupKey: {
        category: "shopify-identifier",
        personalData: "pseudonymous",
        purpose: "\"order\" for one request per order, or the product GID for one request per product; one request per order and key.",
        visibleTo: STAFF_EXCEPT_MARKETING,
      },
      productIds: {
        category: "shopify-identifier",
        personalData: "pseudonymous",
        purpose: "The product GIDs the email asks about (with the order, what the customer bought).",
        visibleTo: STAFF_EXCEPT_MARKETING,
      },
      ...customerKeys("the requests"),
      status: { category: "operational", personalData: "none", purpose: "scheduled, sending, sent, cancelled or failed." },
      statusReason: { category: "operational", personalData: "none", purpose: "Why it was cancelled or failed, as a code." },
      dueAt: time("When the request is to be sent."),
      sentAt: time("When it was sent."),
      cancelledAt: time("When it was cancelled."),
      createdAt: time("When the request was planned."),
      updatedAt: time("When the request last changed (sent, reminded, cancelled, failed); the retention window counts from it once the request is settled."),
      reminderDueAt: time("When the single reminder is due, if one is planned."),
      reminderSentAt: time("When the reminder was sent."),
    },
  },
  {
    kind: "model",
    name: "RequestedProduct",
    system: "database",
    description: "One product of an order that a review request asks about; makes \"one request per order and product\" a database rule.",
    customerLink: "reviewRequestId",
    customerLinkNote: "Through the customer's review requests.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: { rule: "with-review-request" },
    deletedWithReviewRequest: true,
    visibleTo: STAFF_EXCEPT_MARKETING,
    fields: {
      id: rowId("row"),
      shopId: shopIdField,
      orderId: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The order GID." },
      productId: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The product GID (with the order, what the customer bought)." },
      reviewRequestId: { category: "operational", personalData: "none", purpose: "The review request that asks about this product." },
      createdAt: time("When it was recorded."),
    },
  },
  {
    kind: "model",
    name: "SendAttempt",
    system: "database",
    description: "The send log: one row per attempt to send a request or its reminder, with its outcome and a SHA-256 hash of the Message-ID, never the address.",
    customerLink: "reviewRequestId",
    customerLinkNote: "Through the customer's review requests.",
    legalBasis: "legitimate-interest-operations",
    retention: { category: "sendLog", from: "startedAt" },
    deletedWithReviewRequest: true,
    visibleTo: EVERYONE,
    fields: {
      id: rowId("attempt"),
      shopId: shopIdField,
      reviewRequestId: { category: "operational", personalData: "none", purpose: "The review request that was sent." },
      kind: { category: "operational", personalData: "none", purpose: "request or reminder." },
      status: { category: "operational", personalData: "none", purpose: "sending, sent, failed or skipped." },
      errorCode: { category: "operational", personalData: "none", purpose: "Why it failed, as a code." },
      messageIdHash: {
        category: "operational",
        personalData: "pseudonymous",
        purpose: "SHA-256 of the email's Message-ID, to match a bounce report to the attempt; only the email provider can link it to an address.",
        visibleTo: CUSTOMER_DATA_ROLES,
      },
      startedAt: time("When the attempt started; the retention window counts from it."),
      finishedAt: time("When it finished."),
      channel: { category: "operational", personalData: "none", purpose: "email (SMTP) or flow (a Shopify Flow trigger, no address involved)." },
    },
  },
  {
    kind: "model",
    name: "Suppression",
    system: "database",
    description:
      "A customer this shop must not ask again (unsubscribe link, merchant action, erasure), known only by keyed blind indexes.",
    customerLink: "customerRef/emailRef",
    customerLinkNote: "By the blind indexes of the customer GID and email.",
    legalBasis: "legal-obligation-objection",
    // An opt-out must hold for as long as the shop could ask again: never on a timer
    // (docs/decisions/009-retention-purge.md).
    retention: UNTIL_SHOP_REDACT,
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      id: rowId("suppression"),
      shopId: shopIdField,
      ...customerKeys("the suppression"),
      source: { category: "consent-record", personalData: "none", purpose: "unsubscribe_link, admin or erasure: how the opt-out came about." },
      createdAt: time("When the customer was suppressed."),
      appliesToOrdersBefore: {
        category: "consent-record",
        personalData: "none",
        purpose: "After an erasure in a shop that lets customers be asked again: only orders placed before this time stay suppressed.",
      },
    },
  },
  {
    kind: "model",
    name: "Review",
    system: "database",
    description:
      "A verified-buyer review submitted through a signed review link. The display name is stored encrypted (AES-256-GCM, bound to the row); title and text are kept as written.",
    customerLink: "reviewRequestId",
    customerLinkNote: "Through the customer's review requests.",
    legalBasis: "consent-review",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: STAFF_EXCEPT_MARKETING,
    fields: {
      id: rowId("review"),
      shopId: shopIdField,
      reviewRequestId: { category: "operational", personalData: "none", purpose: "The request whose link was used; at most one review per request and product." },
      orderId: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The order GID, proof of the verified purchase." },
      productId: { category: "shopify-identifier", personalData: "none", purpose: "The product reviewed." },
      rating: { category: "review-content", personalData: "none", purpose: "The star rating, 1 to 5.", visibleTo: EVERYONE },
      title: { category: "review-content", personalData: "personal", purpose: "The title the customer wrote (free text, which may mention them)." },
      body: { category: "review-content", personalData: "personal", purpose: "The review text the customer wrote (free text, which may mention them)." },
      displayName: {
        category: "customer-chosen-name",
        personalData: "personal",
        purpose: "The name the customer chose to show with the review, stored encrypted (AES-256-GCM).",
        retention: { category: "reviewerDisplayNames", from: "submittedAt" },
        encryptedAtRest: true,
      },
      locale: { category: "operational", personalData: "none", purpose: "The language the form was shown in (en, fr, de)." },
      verifiedBuyer: { category: "review-content", personalData: "none", purpose: "Marks the review as coming from a verified purchase.", visibleTo: EVERYONE },
      status: { category: "operational", personalData: "none", purpose: "pending, published or rejected.", legalBasis: "legitimate-interest-moderation", visibleTo: EVERYONE },
      moderationReason: {
        category: "operational",
        personalData: "none",
        purpose: "Why the merchant rejected the review, as the merchant wrote it.",
        legalBasis: "legitimate-interest-moderation",
      },
      submittedAt: time("When the review was submitted; the display name's retention window counts from it."),
      moderatedAt: { ...time("When it was moderated."), legalBasis: "legitimate-interest-moderation" },
      publishedAt: time("When it was published."),
      updatedAt: time("When the review last changed."),
      displayNameRemovedAt: time("When the retention purge replaced the display name with a neutral one, its window having passed."),
    },
  },
  {
    kind: "model",
    name: "DataRequest",
    system: "database",
    description:
      "The register of customers' data requests (access and erasure) with their legal due date; the customer is named only by blind indexes and the receipt holds counts, never data.",
    customerLink: "customerRef/emailRef",
    customerLinkNote: "By the blind indexes of the customer GID and email.",
    legalBasis: "legal-obligation-accountability",
    retention: { category: "dataRequestReceipts", from: "completedAt" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      id: rowId("data request"),
      shopId: shopIdField,
      kind: { category: "operational", personalData: "none", purpose: "access (export) or erasure." },
      source: { category: "operational", personalData: "none", purpose: "shopify_webhook, admin or api: where the request came from." },
      regime: { category: "operational", personalData: "none", purpose: "gdpr (one month) or ccpa (45 days): which deadline applies." },
      ...customerKeys("the records"),
      orderIds: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The order GIDs the request names (Shopify's orders_to_redact or orders_requested)." },
      shopifyRequestId: {
        category: "shopify-identifier",
        personalData: "pseudonymous",
        purpose: "Shopify's data_request id, for a request that came from customers/data_request.",
      },
      status: { category: "operational", personalData: "none", purpose: "pending, completed or failed." },
      requestedBy: {
        category: "staff-identity",
        personalData: "pseudonymous",
        purpose: "Who asked: \"shopify\", a staff user id or an API key id — never a name or email.",
      },
      receivedAt: time("When the request was received."),
      dueAt: time("The legal due date."),
      completedAt: time("When it was answered; the retention window counts from it."),
      receipt: {
        category: "receipt",
        personalData: "none",
        purpose: "What was found or removed, as counts per record type, with when and by whom: the proof, without the data.",
      },
      updatedAt: time("When the request last changed."),
    },
  },
  {
    kind: "model",
    name: "StaffMember",
    system: "database",
    description:
      "The shop's staff who opened Candor, each known only by Shopify's user id, with the role that decides what they may see and do. No name or email is kept.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "legitimate-interest-operations",
    retention: UNTIL_SHOP_REDACT,
    visibleTo: ADMINS,
    fields: {
      id: rowId("staff member"),
      shopId: shopIdField,
      userId: {
        category: "staff-identity",
        personalData: "pseudonymous",
        purpose: "Shopify's user id (the session token's subject): who the staff member is, without a name or email.",
      },
      role: { category: "configuration", personalData: "none", purpose: "owner, admin, support, marketing or viewer: what the staff member may see and do." },
      accountOwner: {
        category: "staff-identity",
        personalData: "none",
        purpose: "Whether Shopify says the user owns the shop; the owner gets the owner role on first sight.",
      },
      assignedBy: {
        category: "staff-identity",
        personalData: "pseudonymous",
        purpose: "The user id of who gave the current role, or empty when it was given on first sight.",
      },
      createdAt: time("When the staff member first opened Candor."),
      updatedAt: time("When the role last changed."),
      lastSeenAt: time("When the staff member last opened Candor, for the access review (updated at most every few minutes)."),
    },
  },
  {
    kind: "model",
    name: "ConsentEntry",
    system: "database",
    description:
      "The consent ledger: each change of a customer's consent to review emails (state, source, when, and the privacy notice in force), appended and never changed; the current state is the latest entry.",
    customerLink: "customerRef/emailRef",
    customerLinkNote: "By the blind indexes of the customer GID and email.",
    legalBasis: "legal-obligation-consent-proof",
    retention: { category: "consentLedger", from: "recordedAt" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      id: rowId("ledger entry"),
      shopId: shopIdField,
      ...customerKeys("the ledger entries"),
      state: {
        category: "consent-record",
        personalData: "pseudonymous",
        purpose: "subscribed, not_subscribed, pending, unsubscribed, redacted or invalid: the customer's consent after this change.",
      },
      source: {
        category: "consent-record",
        personalData: "none",
        purpose: "shopify_webhook, unsubscribe_link, admin or import: where the change came from.",
      },
      occurredAt: time("When the change happened, as its source says (Shopify's consent time, the click on the unsubscribe link)."),
      recordedAt: time("When Candor recorded it; the retention window counts from it."),
      noticeVersion: {
        category: "consent-record",
        personalData: "none",
        purpose: "A short hash of the privacy notice in force when the entry was recorded, proving what the customer was told.",
      },
    },
  },
  {
    kind: "model",
    name: "PurgeRun",
    system: "database",
    description: "One run of the retention purge for the shop: when it ran and how many records of each kind it deleted or anonymised — counts only.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "legal-obligation-storage-limitation",
    retention: { rule: "finished+90d" },
    visibleTo: EVERYONE,
    fields: {
      id: rowId("run"),
      shopId: shopIdField,
      status: { category: "operational", personalData: "none", purpose: "running, interrupted or completed: an interrupted run is carried on by the next one." },
      startedAt: time("When the run started."),
      finishedAt: time("When it finished; empty while it is running or was interrupted. The row is deleted 90 days later."),
      counts: { category: "receipt", personalData: "none", purpose: "How many records of each kind the run deleted or anonymised: the proof that retention is applied." },
      attempts: { category: "operational", personalData: "none", purpose: "How many times the run was started (more than once after an interruption)." },
      lastError: { category: "operational", personalData: "none", purpose: "Why the last attempt stopped, without any record's data." },
      updatedAt: time("When the run last recorded progress."),
    },
  },
];

/** Fields of the review email jobs' payload: exactly the order, its products and the review link. */
const reviewEmailPayloadFields: Readonly<Record<string, DataMapField>> = {
  shop: shopIdField,
  orderId: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The order GID, re-checked with Shopify at send time." },
  productIds: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The product GIDs the email asks about." },
  reviewLink: {
    category: "signed-link",
    personalData: "pseudonymous",
    purpose: "The signed, expiring review link (naming shop and review request) to put in the email.",
  },
};

/** One entry per job definition (app/jobs/definitions.ts): the payload as it sits on Redis. */
export const DATA_MAP_JOB_PAYLOADS: readonly DataMapEntry[] = [
  {
    kind: "job-payload",
    name: "process-webhook",
    system: "redis",
    description: "Queued job that applies one accepted webhook; it names the stored delivery, nothing else.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data; it points to a webhook delivery row.",
    legalBasis: "legitimate-interest-operations",
    retention: { rule: "while-job-pending" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: {
      shop: shopIdField,
      deliveryId: { category: "operational", personalData: "none", purpose: "The webhook delivery to apply." },
    },
  },
  {
    kind: "job-payload",
    name: "send-review-request",
    system: "redis",
    description: "Delayed job that sends a review request at its due time; nothing about the customer.",
    customerLink: "reviewRequestId",
    customerLinkNote: "Its job id is made from the review request id.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: { rule: "while-job-pending" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: reviewEmailPayloadFields,
  },
  {
    kind: "job-payload",
    name: "send-review-reminder",
    system: "redis",
    description: "Delayed job that sends the single reminder; nothing about the customer.",
    customerLink: "reviewRequestId",
    customerLinkNote: "Its job id is made from the review request id.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: { rule: "while-job-pending" },
    visibleTo: CUSTOMER_DATA_ROLES,
    fields: reviewEmailPayloadFields,
  },
  {
    kind: "job-payload",
    name: "plan-retention-purge",
    system: "redis",
    description: "The hourly job that queues one retention purge per shop; its payload is empty.",
    customerLink: "none",
    customerLinkNote: "Holds no data at all.",
    legalBasis: "legal-obligation-storage-limitation",
    retention: { rule: "while-job-pending" },
    visibleTo: ADMINS,
    fields: {},
  },
  {
    kind: "job-payload",
    name: "purge-expired-data",
    system: "redis",
    description: "Queued job that applies one shop's retention windows; it names the shop, nothing else.",
    customerLink: "none",
    customerLinkNote: "Holds no customer data.",
    legalBasis: "legal-obligation-storage-limitation",
    retention: { rule: "while-job-pending" },
    visibleTo: ADMINS,
    fields: { shop: shopIdField },
  },
];

/** Services Candor hands data to, or reads it from, without keeping it. */
export const DATA_MAP_EXTERNAL: readonly DataMapEntry[] = [
  {
    kind: "processor",
    name: "email-provider",
    system: "smtp",
    description:
      "The SMTP email provider (a processor): receives the recipient address and the rendered email at send time. Candor keeps only a SHA-256 hash of the Message-ID.",
    customerLink: "none",
    customerLinkNote: "Candor keeps nothing here to look up; the send log holds the Message-ID hash.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: { rule: "processor-terms" },
    visibleTo: NOBODY,
    activeWhen: { channel: "email" },
    fields: {
      recipientAddress: {
        category: "contact-address",
        personalData: "personal",
        purpose: "Where to deliver the email; read from Shopify just before sending and forgotten after.",
      },
      renderedEmail: {
        category: "email-content",
        personalData: "personal",
        purpose: "Subject, greeting, the shop's name, product titles and images, the review link and the one-click unsubscribe link.",
      },
      messageId: {
        category: "operational",
        personalData: "pseudonymous",
        purpose: "A random Message-ID, so a bounce can be matched to the attempt by its hash.",
      },
    },
  },
  {
    kind: "processor",
    name: "shopify-flow",
    system: "shopify",
    description:
      "The Shopify Flow trigger \"Review request due\" (instead of SMTP): the shop's own email tool sends the email, and Candor never handles an address.",
    customerLink: "none",
    customerLinkNote: "Candor keeps nothing here; the shop's Flow run history is in Shopify.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: { rule: "processor-terms" },
    visibleTo: NOBODY,
    activeWhen: { channel: "flow" },
    fields: {
      orderId: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The order the request is about." },
      productIds: { category: "shopify-identifier", personalData: "pseudonymous", purpose: "The products to ask about." },
      reviewLink: { category: "signed-link", personalData: "pseudonymous", purpose: "The signed, expiring review link." },
    },
  },
  {
    kind: "source",
    name: "shopify-customer",
    system: "shopify",
    description:
      "Shopify, the source of the customer's email address, marketing state and language: read through the Admin API just in time to send, never stored.",
    customerLink: "none",
    customerLinkNote: "Read by order GID at send time; nothing is stored.",
    legalBasis: REVIEW_REQUEST_BASIS,
    retention: { rule: "not-stored" },
    visibleTo: NOBODY,
    fields: {
      emailAddress: {
        category: "contact-address",
        personalData: "personal",
        purpose: "The recipient of the review email, handed to the email provider and then forgotten.",
        activeWhen: { channel: "email" },
      },
      marketingState: {
        category: "customer-preference",
        personalData: "personal",
        purpose: "The customer's email marketing state, checked against the shop's consent mode before every send.",
      },
      locale: {
        category: "customer-preference",
        personalData: "personal",
        purpose: "The customer's language, which picks the email's language.",
      },
      countryCode: {
        category: "customer-location",
        personalData: "personal",
        purpose: "The country of the customer's default address, which picks the shop's consent mode for that country; read at send time, never stored.",
      },
    },
  },
];

/**
 * Retention windows the settings already offer for data no model stores yet. The registry
 * test fails when one of them gains an entry, so this list cannot go stale.
 */
export const RETENTION_CATEGORIES_WITHOUT_STORE: Partial<Record<RetentionCategory, string>> = {};

/** The whole data map. */
export const DATA_MAP_REGISTRY: readonly DataMapEntry[] = [...DATA_MAP_MODELS, ...DATA_MAP_JOB_PAYLOADS, ...DATA_MAP_EXTERNAL];

/** The highest of the levels: personal over pseudonymous over none. */
export function highestPersonalData(levels: Iterable<PersonalData>): PersonalData {
  let highest: PersonalData = "none";
  for (const level of levels) {
    if (level === "personal") return "personal";
    if (level === "pseudonymous") highest = "pseudonymous";
  }
  return highest;
}
