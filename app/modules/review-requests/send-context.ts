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
