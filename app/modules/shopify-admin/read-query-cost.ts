import type { ThrottleStatus } from "./create-cost-limiter.server";

/** `extensions.cost` of an Admin GraphQL answer. */
export interface QueryCost {
  requestedQueryCost: number | null;
  /** null when the query did not run (THROTTLED). */
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** The cost Shopify reported in a response body, or undefined when it is missing or malformed. */
export function readQueryCost(body: unknown): QueryCost | undefined {
  const cost = (body as { extensions?: { cost?: Record<string, unknown> } } | null | undefined)?.extensions?.cost;
  const status = cost?.throttleStatus as Record<string, unknown> | undefined;
  if (!status || !finite(status.maximumAvailable) || !finite(status.currentlyAvailable) || !finite(status.restoreRate)) {
    return undefined;
  }
  return {
    requestedQueryCost: finite(cost?.requestedQueryCost) ? cost.requestedQueryCost : null,
    actualQueryCost: finite(cost?.actualQueryCost) ? cost.actualQueryCost : null,
    throttleStatus: {
      maximumAvailable: status.maximumAvailable,
      currentlyAvailable: status.currentlyAvailable,
      restoreRate: status.restoreRate,
    },
  };
}
