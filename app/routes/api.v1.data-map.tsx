import type { LoaderFunctionArgs } from "@remix-run/node";

import { runApiRoute } from "~/modules/api/run-api-route.server";
import { getShopDataMap } from "~/modules/data-map/get-shop-data-map.server";

/** GET /api/v1/data-map — every store, field, purpose, legal basis, location and retention, for this shop. */
export const loader = ({ request }: LoaderFunctionArgs) => runApiRoute(request, ({ shop }) => getShopDataMap(shop));
