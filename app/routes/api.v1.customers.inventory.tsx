import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";
import { viewCustomerInventory } from "~/modules/data-rights/view-customer-inventory.server";
import { requestIdOf } from "~/modules/observability/request-id-of";

/** GET /api/v1/customers/inventory?customerId=…|email=…|orderId=… — see docs/api.md. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, ({ shop, actor }) =>
    viewCustomerInventory(shop, parseInput(customerLookupSchema, Object.fromEntries(new URL(request.url).searchParams)), {
      requestedBy: actor,
      requestId: requestIdOf(request),
    }),
  );

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
