import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { buildCustomerInventory } from "~/modules/data-rights/build-customer-inventory.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";

export const permissions = declareRoutePermissions({
  loader: "customer-data:lookup",
  action: publicRoute("Answers 405: only GET reads this resource."),
});

/** GET /api/v1/customers/inventory?customerId=…|email=…|orderId=… — see docs/api.md. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop } = await requirePermission(caller, permissions.loader);
    return buildCustomerInventory(shop, parseInput(customerLookupSchema, Object.fromEntries(new URL(request.url).searchParams)));
  });

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
