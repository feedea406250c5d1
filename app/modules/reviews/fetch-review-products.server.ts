import { getLogger } from "~/modules/observability/logger.server";
import { getCostLimiter } from "~/modules/shopify-admin/get-cost-limiter.server";
import { runAdminQuery } from "~/modules/shopify-admin/run-admin-query.server";

export interface ReviewProduct {
  id: string;
  title: string | null;
  imageUrl: string | null;
  imageAlt: string | null;
}

const PRODUCTS_QUERY = `#graphql
  query CandorReviewProducts($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product { id title featuredMedia { preview { image { url altText } } } }
    }
  }
`;

interface ProductsResponse {
  nodes: Array<{ id?: string; title?: string; featuredMedia?: { preview: { image: { url: string; altText: string | null } | null } | null } | null } | null>;
}

/**
 * Titles and images of the products on the form, read from Shopify when the page is shown
 * (Candor stores product ids only). When Shopify cannot answer in time, the form still works
 * with neutral labels.
 */
export async function fetchReviewProducts(shop: string, productIds: string[]): Promise<ReviewProduct[]> {
  try {
    const data = await runAdminQuery<ProductsResponse>(shop, PRODUCTS_QUERY, { ids: productIds }, {
      estimatedCost: 2 + productIds.length * 3,
      limiter: getCostLimiter(),
      maxWaitMs: 500,
      timeoutMs: 3_000,
    });
    const byId = new Map(data.nodes.flatMap((node) => (node?.id ? [[node.id, node] as const] : [])));
    return productIds.map((id) => {
      const node = byId.get(id);
      const image = node?.featuredMedia?.preview?.image ?? null;
      return { id, title: node?.title ?? null, imageUrl: image?.url ?? null, imageAlt: image?.altText ?? null };
    });
  } catch (error) {
    getLogger().warn({ shop, reason: (error as Error).name }, "product details unavailable for the review form");
    return productIds.map((id) => ({ id, title: null, imageUrl: null, imageAlt: null }));
  }
}
