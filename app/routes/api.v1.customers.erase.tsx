import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { describeActor } from "~/modules/access-control/actor";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { parseInput, readJsonBody, runApiRoute } from "~/modules/api/run-api-route.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";
import { eraseCustomerOnRequest } from "~/modules/data-rights/erase-customer-on-request.server";
import { AppError } from "~/modules/errors/app-error";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const permissions = declareRoutePermissions({
  action: "customer-data:erase",
  loader: publicRoute("Answers 405: only POST erases."),
});

/** POST /api/v1/customers/erase with { customerId } | { email } | { orderId } — returns the receipt. */
export const action = ({ request }: ActionFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop, actor } = await requirePermission(caller, permissions.action);
    if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
    const lookup = parseInput(customerLookupSchema, await readJsonBody(request));
    return eraseCustomerOnRequest(shop, lookup, { source: "api", requestedBy: describeActor(actor), requestId: requestIdOf(request) });
  });

export const loader = (_args: LoaderFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use POST." } }, { status: 405, headers: { Allow: "POST" } });
