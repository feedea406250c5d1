import type { ReviewEmailPayload } from "~/jobs/definitions";
import { AdminQueryError } from "~/modules/shopify-admin/admin-api-errors";
import type { CostLimiter } from "~/modules/shopify-admin/create-cost-limiter.server";
import { runAdminQuery } from "~/modules/shopify-admin/run-admin-query.server";

/** The handle of the Flow trigger extension in extensions/review-request-due. */
export const REVIEW_FLOW_TRIGGER_HANDLE = "review-request-due";

const FLOW_TRIGGER_MUTATION = `#graphql
  mutation CandorReviewRequestDue($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } }
  }
`;

/**
 * The Flow trigger's payload: exactly the job's minimal set — the order (as the trigger's order
 * reference, digits kept as a string so no 64-bit id loses precision), the product ids and the
 * review link. Nothing about the customer.
 */
export function reviewFlowTriggerPayload(payload: ReviewEmailPayload): Record<string, string> {
  return {
    order_id: payload.orderId.replace("gid://shopify/Order/", ""),
    "Product IDs": payload.productIds.join(","),
    "Review link": payload.reviewLink,
  };
}

/**
 * The zero-address channel: fires "Review request due" in the shop's Shopify Flow, which sends
 * the email from the merchant's own tool. Throttling and transient failures surface as the
 * Admin API errors the send job retries; a refused payload is permanent.
 */
export async function fireReviewFlowTrigger(shop: string, payload: ReviewEmailPayload, limiter: CostLimiter): Promise<void> {
  const data = await runAdminQuery<{ flowTriggerReceive: { userErrors: Array<{ field: string[] | null; message: string }> } }>(
    shop,
    FLOW_TRIGGER_MUTATION,
    { handle: REVIEW_FLOW_TRIGGER_HANDLE, payload: reviewFlowTriggerPayload(payload) },
    { estimatedCost: 10, limiter },
  );
  if (data.flowTriggerReceive.userErrors.length > 0) {
    throw new AdminQueryError(shop, data.flowTriggerReceive.userErrors.map(() => "FLOW_TRIGGER_REFUSED"));
  }
}
