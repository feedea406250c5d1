import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { buildCustomerInventory } from "~/modules/data-rights/build-customer-inventory.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";

/** GET /api/v1/customers/inventory?customerId=…|email=…|orderId=… — see docs/api.md. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, ({ shop }) =>
    buildCustomerInventory(shop, parseInput(customerLookupSchema, Object.fromEntries(new URL(request.url).searchParams))),
  );

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
