import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { runApiRoute } from "~/modules/api/run-api-route.server";
import { getShopDataMap } from "~/modules/data-map/get-shop-data-map.server";

/** GET /api/v1/data-map — every store, field, purpose, legal basis, location and retention, for this shop. */
export const loader = ({ request }: LoaderFunctionArgs) => runApiRoute(request, ({ shop }) => getShopDataMap(shop));

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
