import { decideConsent, type ConsentRefusal } from "~/modules/consent/decide-consent";
import { resolveConsentMode } from "~/modules/consent/resolve-consent-mode";
import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { SendContext } from "./send-context";

export type SendRefusal =
  | "order_not_found"
  | "customer_not_found"
  | "order_cancelled"
  | "order_refunded"
  | "test_order"
  | "point_of_sale_order"
  | "suppressed"
  | "no_products_left"
  | "already_requested"
  | ConsentRefusal
  | "no_email_address"
  | "customer_cap_reached";

export type SendDecision =
  | { kind: "refuse"; reason: SendRefusal }
  | {
      kind: "send";
      productIds: string[];
      /** null on the Flow channel: the merchant's own tool addresses the email. */
      recipient: { email: string; locale: string | null } | null;
    };

export interface SendEligibilityInput {
  /** "flow" needs no address: Candor hands the request to Shopify Flow. */
  channel: "email" | "flow";
  productIds: string[];
  settings: ShopSettings;
  context: SendContext;
  /** The customer is on the shop's suppression list (by either blind index). */
  suppressed: boolean;
  /** Products this customer was already asked about in another request. */
  alreadyAskedProductIds: ReadonlySet<string>;
  /** The order named a customer when it was scheduled (not a guest checkout). */
  expectsCustomer: boolean;
  /** Requests sent to this customer by this shop in the last 30 days. */
  sentInLast30Days: number;
  /** The customer's current consent ledger entry (see `deriveConsentState`), or null. */
  ledgerConsent: { state: string; occurredAt: Date } | null;
}

/**
 * The send-time re-check, on data fetched moments ago: is this request still wanted, for
 * which products, and may this customer be emailed? The first reason that applies wins.
 */
export function decideSendEligibility(input: SendEligibilityInput): SendDecision {
  const { context, settings } = input;
  const order = context.order;
  if (!order) return { kind: "refuse", reason: "order_not_found" };
  if (order.cancelled) return { kind: "refuse", reason: "order_cancelled" };
  if (order.test) return { kind: "refuse", reason: "test_order" };
  if (settings.skipPointOfSaleOrders && order.sourceName === "pos") return { kind: "refuse", reason: "point_of_sale_order" };
  if (input.suppressed) return { kind: "refuse", reason: "suppressed" };

  const stillOnOrder = input.productIds.filter((id) => (order.remainingQuantityByProduct[id] ?? 0) > 0);
  if (stillOnOrder.length === 0) return { kind: "refuse", reason: "order_refunded" };
  const excludedTags = new Set(settings.excludedProductTags.map((tag) => tag.toLowerCase()));
  const products = new Map(context.products.map((product) => [product.id, product]));
  const wanted = stillOnOrder.filter((id) => {
    const product = products.get(id);
    return product !== undefined && !settings.excludedProductIds.includes(id) && !product.tags.some((tag) => excludedTags.has(tag.toLowerCase()));
  });
  if (wanted.length === 0) return { kind: "refuse", reason: "no_products_left" };
  const productIds = wanted.filter((id) => !input.alreadyAskedProductIds.has(id));
  if (productIds.length === 0) return { kind: "refuse", reason: "already_requested" };

  const customer = order.customer;
  if (input.expectsCustomer && !customer) return { kind: "refuse", reason: "customer_not_found" };
  const consent = decideConsent({
    mode: resolveConsentMode(settings, customer?.countryCode ?? null),
    live: { marketingState: customer?.marketingState ?? null, updatedAt: customer?.marketingUpdatedAt ?? null },
    ledger: input.ledgerConsent,
  });
  if (!consent.allowed) return { kind: "refuse", reason: consent.reason };
  if (input.sentInLast30Days >= settings.maxRequestsPerCustomerPer30Days) return { kind: "refuse", reason: "customer_cap_reached" };
  if (input.channel === "flow") return { kind: "send", productIds, recipient: null };
  const email = customer ? customer.email : order.guestEmail;
  if (!email) return { kind: "refuse", reason: "no_email_address" };

  return { kind: "send", productIds, recipient: { email, locale: order.customerLocale ?? customer?.locale ?? null } };
}
