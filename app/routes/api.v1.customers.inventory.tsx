import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { describeActor } from "~/modules/access-control/actor";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";
import { viewCustomerInventory } from "~/modules/data-rights/view-customer-inventory.server";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const permissions = declareRoutePermissions({
  loader: "customer-data:lookup",
  action: publicRoute("Answers 405: only GET reads this resource."),
});

/** GET /api/v1/customers/inventory?customerId=…|email=…|orderId=… — see docs/api.md. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop, actor } = await requirePermission(caller, permissions.loader);
    return viewCustomerInventory(shop, parseInput(customerLookupSchema, Object.fromEntries(new URL(request.url).searchParams)), {
      requestedBy: describeActor(actor),
      requestId: requestIdOf(request),
    });
  });

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
