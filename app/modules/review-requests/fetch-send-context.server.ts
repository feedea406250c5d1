import type { CostLimiter } from "~/modules/shopify-admin/create-cost-limiter.server";
import { runAdminQuery } from "~/modules/shopify-admin/run-admin-query.server";

import type { SendContext } from "./send-context";

/**
 * One query per send: the order's state (cancelled? test? what is left after refunds?), the
 * customer's address, marketing state (and when it changed), locale and country (which picks
 * the consent mode), and the products to show. Nothing here is
 * stored; the caller uses it and lets it go.
 */
function sendContextQuery(includeAddress: boolean): string {
  // Without the address (the Flow channel), Candor asks Shopify for the marketing state only.
  const address = includeAddress ? "emailAddress " : "";
  return `#graphql
  query CandorSendContext($orderId: ID!, $productIds: [ID!]!) {
    shop { name }
    order(id: $orderId) {
      test
      cancelledAt
      sourceName
      customerLocale
      ${includeAddress ? "email" : ""}
      customer {
        id
        locale
        defaultEmailAddress { ${address}marketingState marketingUpdatedAt }
        defaultAddress { countryCodeV2 }
      }
      lineItems(first: 50) { nodes { currentQuantity product { id } } }
    }
    nodes(ids: $productIds) {
      ... on Product {
        id
        title
        tags
        onlineStoreUrl
        featuredMedia { preview { image { url altText } } }
      }
    }
  }
`;
}

const QUERY_WITH_ADDRESS = sendContextQuery(true);
const QUERY_WITHOUT_ADDRESS = sendContextQuery(false);

/** What the query costs before Shopify refunds the unused part (50 lines, 10 products). */
export const SEND_CONTEXT_ESTIMATED_COST = 120;

interface SendContextResponse {
  shop: { name: string };
  order: {
    test: boolean;
    cancelledAt: string | null;
    sourceName: string | null;
    customerLocale: string | null;
    email?: string | null;
    customer: {
      id: string;
      locale: string | null;
      defaultEmailAddress: { emailAddress?: string | null; marketingState: string | null; marketingUpdatedAt: string | null } | null;
      defaultAddress: { countryCodeV2: string | null } | null;
    } | null;
    lineItems: { nodes: Array<{ currentQuantity: number; product: { id: string } | null }> };
  } | null;
  nodes: Array<{
    id?: string;
    title?: string;
    tags?: string[];
    onlineStoreUrl?: string | null;
    featuredMedia?: { preview: { image: { url: string; altText: string | null } | null } | null } | null;
  } | null>;
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function fetchSendContext(
  shop: string,
  input: { orderId: string; productIds: string[] },
  limiter: CostLimiter,
  options: { includeAddress: boolean } = { includeAddress: true },
): Promise<SendContext> {
  const query = options.includeAddress ? QUERY_WITH_ADDRESS : QUERY_WITHOUT_ADDRESS;
  const data = await runAdminQuery<SendContextResponse>(shop, query, input, {
    estimatedCost: SEND_CONTEXT_ESTIMATED_COST,
    limiter,
  });
  const order = data.order;
  const remainingQuantityByProduct: Record<string, number> = {};
  for (const line of order?.lineItems.nodes ?? []) {
    if (!line.product) continue;
    remainingQuantityByProduct[line.product.id] = (remainingQuantityByProduct[line.product.id] ?? 0) + line.currentQuantity;
  }
  return {
    shopName: data.shop.name,
    order: order && {
      test: order.test,
      cancelled: order.cancelledAt !== null,
      sourceName: order.sourceName,
      customerLocale: order.customerLocale,
      guestEmail: order.customer ? null : (order.email ?? null),
      customer: order.customer && {
        id: order.customer.id,
        locale: order.customer.locale,
        email: order.customer.defaultEmailAddress?.emailAddress ?? null,
        marketingState: order.customer.defaultEmailAddress?.marketingState ?? null,
        marketingUpdatedAt: toDate(order.customer.defaultEmailAddress?.marketingUpdatedAt),
        countryCode: order.customer.defaultAddress?.countryCodeV2 ?? null,
      },
      remainingQuantityByProduct,
    },
    products: data.nodes.flatMap((node) =>
      node?.id && node.title
        ? [{
            id: node.id,
            title: node.title,
            tags: node.tags ?? [],
            url: node.onlineStoreUrl ?? null,
            imageUrl: node.featuredMedia?.preview?.image?.url ?? null,
            imageAlt: node.featuredMedia?.preview?.image?.altText ?? null,
          }]
        : [],
    ),
  };
}
