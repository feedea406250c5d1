import type { ActionFunctionArgs } from "@remix-run/node";

import { parseInput, readJsonBody, runApiRoute } from "~/modules/api/run-api-route.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";
import { eraseCustomerOnRequest } from "~/modules/data-rights/erase-customer-on-request.server";
import { AppError } from "~/modules/errors/app-error";
import { requestIdOf } from "~/modules/observability/request-id-of";

/** POST /api/v1/customers/erase with { customerId } | { email } | { orderId } — returns the receipt. */
export const action = ({ request }: ActionFunctionArgs) =>
  runApiRoute(request, async ({ shop, actor }) => {
    if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
    const lookup = parseInput(customerLookupSchema, await readJsonBody(request));
    return eraseCustomerOnRequest(shop, lookup, { source: "api", requestedBy: actor, requestId: requestIdOf(request) });
  });

export const loader = ({ request }: ActionFunctionArgs) =>
  runApiRoute(request, async () => {
    throw new AppError("method_not_allowed", "Use POST.");
  });
