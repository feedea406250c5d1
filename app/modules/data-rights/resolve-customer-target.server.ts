import { getDb } from "~/db.server";
import { getEnv } from "~/modules/config/get-env.server";
import { computeBlindIndex } from "~/modules/crypto/compute-blind-index.server";
import { getLogger } from "~/modules/observability/logger.server";
import { getCostLimiter } from "~/modules/shopify-admin/get-cost-limiter.server";
import { runAdminQuery } from "~/modules/shopify-admin/run-admin-query.server";

import type { CustomerLookup } from "./customer-lookup";
import type { CustomerTarget } from "./customer-target";

const CUSTOMER_QUERY = `#graphql
  query CandorCustomerKeys($id: ID!) { customer(id: $id) { defaultEmailAddress { emailAddress } } }
`;
const CUSTOMER_BY_EMAIL_QUERY = `#graphql
  query CandorCustomerByEmail($query: String!) { customers(first: 1, query: $query) { nodes { id } } }
`;
const ORDER_QUERY = `#graphql
  query CandorOrderCustomer($id: ID!) { order(id: $id) { email customer { id defaultEmailAddress { emailAddress } } } }
`;

/**
 * Turns a lookup into the customer's blind indexes. Shopify is asked for the other half (the
 * email of a customer id, the customer of an email or order) so records keyed either way are
 * found; the answer is used in memory and never stored. When Shopify cannot answer, the lookup
 * goes on with what it has, and says so.
 */
export interface ResolvedCustomerTarget {
  target: CustomerTarget;
  complete: boolean;
  /** Whether Shopify knows the customer (or order) in this shop; null when Shopify could not be asked. */
  knownToShopify: boolean | null;
}

export async function resolveCustomerTarget(shopId: string, lookup: CustomerLookup): Promise<ResolvedCustomerTarget> {
  const key = getEnv().BLIND_INDEX_KEY;
  const customerRef = (gid: string | null | undefined) => (gid ? computeBlindIndex(key, shopId, "customer", gid) : null);
  const emailRef = (email: string | null | undefined) => (email ? computeBlindIndex(key, shopId, "email", email) : null);
  const ask = <T>(query: string, variables: Record<string, unknown>) =>
    runAdminQuery<T>(shopId, query, variables, { estimatedCost: 5, limiter: getCostLimiter(), maxWaitMs: 2_000 });

  try {
    if ("customerId" in lookup) {
      const target: CustomerTarget = { customerRef: customerRef(lookup.customerId), emailRef: null, orderIds: [] };
      const data = await ask<{ customer: { defaultEmailAddress: { emailAddress: string | null } | null } | null }>(CUSTOMER_QUERY, { id: lookup.customerId });
      return { target: { ...target, emailRef: emailRef(data.customer?.defaultEmailAddress?.emailAddress) }, complete: true, knownToShopify: data.customer !== null };
    }
    if ("email" in lookup) {
      const target: CustomerTarget = { customerRef: null, emailRef: emailRef(lookup.email), orderIds: [] };
      const data = await ask<{ customers: { nodes: Array<{ id: string }> } }>(CUSTOMER_BY_EMAIL_QUERY, { query: `email:"${lookup.email.replace(/"/g, "")}"` });
      return { target: { ...target, customerRef: customerRef(data.customers.nodes[0]?.id) }, complete: true, knownToShopify: data.customers.nodes.length > 0 };
    }
    const fromRequests = await getDb().reviewRequest.findFirst({
      where: { shopId, orderId: lookup.orderId },
      select: { customerRef: true, emailRef: true },
    });
    const target: CustomerTarget = { customerRef: fromRequests?.customerRef ?? null, emailRef: fromRequests?.emailRef ?? null, orderIds: [lookup.orderId] };
    const data = await ask<{ order: { email: string | null; customer: { id: string; defaultEmailAddress: { emailAddress: string | null } | null } | null } | null }>(
      ORDER_QUERY,
      { id: lookup.orderId },
    );
    return {
      target: {
        orderIds: target.orderIds,
        customerRef: target.customerRef ?? customerRef(data.order?.customer?.id),
        emailRef: target.emailRef ?? emailRef(data.order?.customer?.defaultEmailAddress?.emailAddress ?? data.order?.email),
      },
      complete: true,
      knownToShopify: data.order !== null,
    };
  } catch (error) {
    getLogger().warn({ shop: shopId, reason: (error as Error).name }, "customer lookup could not be completed through Shopify");
    if ("customerId" in lookup) return { target: { customerRef: customerRef(lookup.customerId), emailRef: null, orderIds: [] }, complete: false, knownToShopify: null };
    if ("email" in lookup) return { target: { customerRef: null, emailRef: emailRef(lookup.email), orderIds: [] }, complete: false, knownToShopify: null };
    return { target: { customerRef: null, emailRef: null, orderIds: [lookup.orderId] }, complete: false, knownToShopify: null };
  }
}
