/**
 * What the worker reads from the Admin API just before a send. It lives in memory for the
 * duration of one job: the address is used for the SMTP envelope and then dropped.
 */
export interface SendContext {
  shopName: string;
  order: {
    test: boolean;
    cancelled: boolean;
    sourceName: string | null;
    customerLocale: string | null;
    /** The order's contact email, used only for guest checkouts (no customer record). */
    guestEmail: string | null;
    customer: {
      id: string;
      locale: string | null;
      email: string | null;
      /** Shopify's CustomerEmailMarketingState, e.g. SUBSCRIBED, NOT_SUBSCRIBED, UNSUBSCRIBED. */
      marketingState: string | null;
      /** When the marketing state last changed, per Shopify (null: never, or unknown). */
      marketingUpdatedAt: Date | null;
      /** ISO 3166-1 alpha-2 code of the customer's default address; used for the consent mode, never stored. */
      countryCode: string | null;
    } | null;
    /** Quantity still on the order per product (after refunds and removals). */
    remainingQuantityByProduct: Record<string, number>;
  } | null;
  products: Array<{
    id: string;
    title: string;
    tags: string[];
    url: string | null;
    imageUrl: string | null;
    imageAlt: string | null;
  }>;
}
