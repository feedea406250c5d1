import { z } from "zod";

import { isCountryCode } from "./country-codes";

/**
 * Retention windows per data category, in days: default and the bounds a merchant may choose
 * within. The scheduled purge (a later feature) applies them.
 */
export const RETENTION_WINDOWS = {
  reviewRequests: { default: 365, min: 30, max: 1_095 },
  sendLog: { default: 90, min: 7, max: 365 },
  reviewerDisplayNames: { default: 1_095, min: 30, max: 3_650 },
  consentLedger: { default: 1_825, min: 365, max: 3_650 },
  auditLog: { default: 730, min: 365, max: 2_555 },
  webhookDedupeKeys: { default: 7, min: 1, max: 30 },
  dataRequestReceipts: { default: 1_095, min: 365, max: 3_650 },
} as const;

export type RetentionCategory = keyof typeof RETENTION_WINDOWS;

const days = (min: number, max: number) => z.number().int(`must be a whole number of days`).min(min).max(max);

const retentionShape = Object.fromEntries(
  Object.entries(RETENTION_WINDOWS).map(([category, window]) => [category, days(window.min, window.max)]),
) as { [Category in RetentionCategory]: z.ZodNumber };

/** The languages the review email is written in; the customer's Shopify locale picks one. */
export const EMAIL_COPY_LANGUAGES = ["en", "fr", "de"] as const;

const emailCopy = z.strictObject({
  /** null: the built-in subject. `{shop_name}` is replaced by the shop's name. */
  subject: z.string().trim().min(1).max(200).nullable(),
  /** null: the built-in introduction. Plain text, shown as written (never as HTML). */
  intro: z.string().trim().min(1).max(1_000).nullable(),
});

/** The consent modes: ask only customers subscribed to email marketing, or every buyer who has not opted out. */
export const CONSENT_MODES = ["consent_required", "soft_opt_in"] as const;
export type ConsentMode = (typeof CONSENT_MODES)[number];

/** At most this many countries may have their own consent mode. */
export const MAX_CONSENT_COUNTRY_OVERRIDES = 60;

const countryCode = z.string().refine(isCountryCode, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. DE");

const productGid = z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/, "must be a Shopify product GID");

/** Every setting with its bounds; `strictObject` so an unknown key is an error, not ignored. */
export const shopSettingsSchema = z.strictObject({
  /** Ask after fulfilment, or after the carrier reports delivery. */
  trigger: z.enum(["fulfilled", "delivered"]),
  /** Days after the trigger before the request is sent. */
  delayDays: days(0, 60),
  /** With trigger "delivered": days after fulfilment to ask anyway when no delivery event comes. */
  deliveryFallbackDays: days(1, 60),
  /** One reminder this many days after the request, or none. */
  reminderDays: days(1, 60).nullable(),
  /** "email" sends through SMTP; "flow" fires a Shopify Flow trigger and never touches an address. */
  channel: z.enum(["email", "flow"]),
  consentMode: z.enum(CONSENT_MODES),
  /**
   * A consent mode per customer country that replaces `consentMode` there (e.g. soft opt-in in
   * general, consent required in DE). The country is read from Shopify at send time, never stored.
   */
  consentModeByCountry: z
    .record(countryCode, z.enum(CONSENT_MODES))
    .refine((map) => Object.keys(map).length <= MAX_CONSENT_COUNTRY_OVERRIDES, `at most ${MAX_CONSENT_COUNTRY_OVERRIDES} countries`),
  /** One email per order listing its products, or one per product. */
  grouping: z.enum(["per_order", "per_product"]),
  maxProductsPerEmail: z.number().int().min(1).max(10),
  excludedProductIds: z.array(productGid).max(500),
  excludedProductTags: z.array(z.string().trim().min(1).max(255)).max(100),
  skipPointOfSaleOrders: z.boolean(),
  maxRequestsPerCustomerPer30Days: z.number().int().min(1).max(20),
  /**
   * Reviews rated at least this many stars are published without moderation; null holds every
   * review for moderation. Never a ceiling: low ratings are never hidden from a published set.
   */
  autoPublishMinRating: z.number().int().min(1).max(5).nullable(),
  /** After a customer's data is erased: delete their reviews, or keep them without name or order link. */
  reviewsOnErasure: z.enum(["delete", "anonymise"]),
  /** After an erasure, may a NEW order of that customer be asked for a review? (Old orders never.) */
  askAgainAfterErasure: z.boolean(),
  /** Days a review link stays valid after the request is sent. */
  reviewLinkValidDays: days(7, 365),
  /** The merchant's own subject and introduction, per email language. */
  emailCopy: z.strictObject({ en: emailCopy, fr: emailCopy, de: emailCopy }),
  retentionDays: z.strictObject(retentionShape),
});

export type ShopSettings = z.output<typeof shopSettingsSchema>;

/** The safe defaults: consent required, a week and a half after fulfilment, no reminder. */
export const DEFAULT_SHOP_SETTINGS: ShopSettings = {
  trigger: "fulfilled",
  delayDays: 10,
  deliveryFallbackDays: 14,
  reminderDays: null,
  channel: "email",
  consentMode: "consent_required",
  consentModeByCountry: {},
  grouping: "per_order",
  maxProductsPerEmail: 5,
  excludedProductIds: [],
  excludedProductTags: [],
  skipPointOfSaleOrders: false,
  maxRequestsPerCustomerPer30Days: 3,
  autoPublishMinRating: null,
  reviewsOnErasure: "delete",
  askAgainAfterErasure: false,
  reviewLinkValidDays: 180,
  emailCopy: {
    en: { subject: null, intro: null },
    fr: { subject: null, intro: null },
    de: { subject: null, intro: null },
  },
  retentionDays: Object.fromEntries(
    Object.entries(RETENTION_WINDOWS).map(([category, window]) => [category, window.default]),
  ) as ShopSettings["retentionDays"],
};

/** A partial update: any subset of keys, retention windows one category at a time. */
export const shopSettingsPatchSchema = shopSettingsSchema
  .extend({
    retentionDays: z.strictObject(retentionShape).partial(),
    emailCopy: z.strictObject({ en: emailCopy.partial(), fr: emailCopy.partial(), de: emailCopy.partial() }).partial(),
  })
  .partial();

export type ShopSettingsPatch = z.output<typeof shopSettingsPatchSchema>;
