import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { runApiRoute } from "~/modules/api/run-api-route.server";
import { getShopDataMap } from "~/modules/data-map/get-shop-data-map.server";

export const permissions = declareRoutePermissions({
  loader: "data-map:read",
  action: publicRoute("Answers 405: only GET reads this resource."),
});

/** GET /api/v1/data-map — every store, field, purpose, legal basis, location and retention, for this shop. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop } = await requirePermission(caller, permissions.loader);
    return getShopDataMap(shop);
  });

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
