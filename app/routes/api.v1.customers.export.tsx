import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { describeActor } from "~/modules/access-control/actor";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { customerLookupSchema } from "~/modules/data-rights/customer-lookup";
import { exportCustomerOnRequest } from "~/modules/data-rights/export-customer-on-request.server";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const permissions = declareRoutePermissions({
  loader: "customer-data:export",
  action: publicRoute("Answers 405: only GET reads this resource."),
});

/** GET /api/v1/customers/export?customerId=…|email=…|orderId=…&format=json|csv — see docs/api.md. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop, actor } = await requirePermission(caller, permissions.loader);
    const { format = "json", ...lookup } = Object.fromEntries(new URL(request.url).searchParams);
    const exported = await exportCustomerOnRequest(shop, parseInput(customerLookupSchema, lookup), {
      source: "api",
      requestedBy: describeActor(actor),
      format: parseInput(z.enum(["json", "csv"]), format),
      requestId: requestIdOf(request),
    });
    return new Response(exported.body, {
      headers: {
        "Content-Type": exported.contentType,
        "Content-Disposition": `attachment; filename="${exported.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
