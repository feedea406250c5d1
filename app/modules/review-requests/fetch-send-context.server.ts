import { createBatcher } from "~/modules/runtime/create-batcher";
import { AdminQueryError } from "~/modules/shopify-admin/admin-api-errors";
import type { CostLimiter } from "~/modules/shopify-admin/create-cost-limiter.server";
import { runAdminQuery } from "~/modules/shopify-admin/run-admin-query.server";

import type { SendContext } from "./send-context";

/**
 * One query for the sends of one shop in flight together: each order's state (cancelled? test?
 * what is left after refunds?), its customer's address, marketing state (and when it
 * changed), locale and country (which picks the consent mode), and the products to show.
 * Nothing here is stored; the caller uses it and lets it go. The query text is the same for
 * any number of orders.
 */
function sendContextQuery(includeAddress: boolean): string {
  // Without the address (the Flow channel), Candor asks Shopify for the marketing state only.
  const address = includeAddress ? "emailAddress " : "";
  return `#graphql
  query CandorSendContext($orderIds: [ID!]!, $productIds: [ID!]!) {
    shop { name }
    orders: nodes(ids: $orderIds) {
      ... on Order {
        id
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
    }
    products: nodes(ids: $productIds) {
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

/** What one order's part of the query costs before Shopify refunds the unused part (50 lines, 10 products). */
export const SEND_CONTEXT_ESTIMATED_COST = 120;
/** Orders per query: Shopify refuses a single query whose requested cost exceeds 1,000 points. */
const MAX_ORDERS_PER_QUERY = 8;

interface OrderNode {
    id?: string;
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
}

interface SendContextResponse {
  shop: { name: string };
  orders: Array<OrderNode | null>;
  products: Array<{
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

function toSendContext(shopName: string, order: OrderNode | null, products: SendContextResponse["products"], productIds: readonly string[]): SendContext {
  const remainingQuantityByProduct: Record<string, number> = {};
  for (const line of order?.lineItems.nodes ?? []) {
    if (!line.product) continue;
    remainingQuantityByProduct[line.product.id] = (remainingQuantityByProduct[line.product.id] ?? 0) + line.currentQuantity;
  }
  const wanted = new Set(productIds);
  return {
    shopName,
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
    products: products.flatMap((node) =>
      node?.id && node.title && wanted.has(node.id)
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

interface SendToFetch {
  orderId: string;
  productIds: string[];
}

type Fetched = { context: SendContext } | { error: unknown };

/**
 * One query for a batch of one shop's sends. Throttling, an uninstalled shop and transient
 * failures are the shop's, not an order's: every send of the batch gets the same answer (and
 * none is asked again on its own). A refused query is thrown, so that each send is asked again
 * alone and only the one Shopify refuses fails.
 */
async function fetchForShop(shop: string, includeAddress: boolean, limiter: CostLimiter, sends: readonly SendToFetch[]): Promise<Fetched[]> {
  const orderIds = [...new Set(sends.map((send) => send.orderId))];
  const productIds = [...new Set(sends.flatMap((send) => send.productIds))];
  let data: SendContextResponse;
  try {
    data = await runAdminQuery<SendContextResponse>(shop, includeAddress ? QUERY_WITH_ADDRESS : QUERY_WITHOUT_ADDRESS, { orderIds, productIds }, {
      estimatedCost: SEND_CONTEXT_ESTIMATED_COST * orderIds.length,
      limiter,
    });
  } catch (error) {
    if (error instanceof AdminQueryError) throw error;
    return sends.map(() => ({ error }));
  }
  const orders = new Map<string, OrderNode>();
  data.orders.forEach((order, index) => {
    if (order) orders.set(orderIds[index]!, order);
  });
  return sends.map((send) => ({ context: toSendContext(data.shop.name, orders.get(send.orderId) ?? null, data.products, send.productIds) }));
}

interface ShopSendToFetch extends SendToFetch {
  shop: string;
  includeAddress: boolean;
}

/** The sends in flight, of any shop: one query per shop (and channel), up to eight orders each, all at once. */
async function fetchBatch(limiter: CostLimiter, sends: readonly ShopSendToFetch[]): Promise<Fetched[]> {
  const groups = new Map<string, number[]>();
  sends.forEach((send, index) => {
    const key = `${send.shop}\n${send.includeAddress}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  const results: Fetched[] = new Array(sends.length);
  const queries: Array<Promise<void>> = [];
  for (const indexes of groups.values()) {
    for (let start = 0; start < indexes.length; start += MAX_ORDERS_PER_QUERY) {
      const chunk = indexes.slice(start, start + MAX_ORDERS_PER_QUERY);
      const { shop, includeAddress } = sends[chunk[0]!]!;
      queries.push(
        fetchForShop(shop, includeAddress, limiter, chunk.map((index) => sends[index]!)).then((fetched) => {
          fetched.forEach((result, position) => (results[chunk[position]!] = result));
        }),
      );
    }
  }
  await Promise.all(queries);
  return results;
}

const batchers = new WeakMap<CostLimiter, (send: ShopSendToFetch) => Promise<Fetched>>();

function batcherFor(limiter: CostLimiter) {
  let batcher = batchers.get(limiter);
  if (!batcher) batchers.set(limiter, (batcher = createBatcher<ShopSendToFetch, Fetched>((sends) => fetchBatch(limiter, sends), { maxBatch: 100 })));
  return batcher;
}

/**
 * What a send needs from Shopify, just in time. Sends of the same shop in flight together
 * share one query (up to eight orders), within the shop's cost budget.
 */
export async function fetchSendContext(
  shop: string,
  input: { orderId: string; productIds: string[] },
  limiter: CostLimiter,
  options: { includeAddress: boolean } = { includeAddress: true },
): Promise<SendContext> {
  const fetched = await batcherFor(limiter)({ shop, includeAddress: options.includeAddress, orderId: input.orderId, productIds: input.productIds });
  if ("error" in fetched) throw fetched.error;
  return fetched.context;
}
