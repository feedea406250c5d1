import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { listDataRequests } from "~/modules/data-rights/list-data-requests.server";

const querySchema = z.strictObject({ status: z.enum(["pending", "completed", "failed"]).optional() });

export const permissions = declareRoutePermissions({
  loader: "data-requests:read",
  action: publicRoute("Answers 405: only GET reads this resource."),
});

/** GET /api/v1/data-requests?status=… — the register, newest first. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop } = await requirePermission(caller, permissions.loader);
    return { dataRequests: await listDataRequests(shop, parseInput(querySchema, Object.fromEntries(new URL(request.url).searchParams))) };
  });

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
