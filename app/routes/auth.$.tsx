import type { LoaderFunctionArgs } from "@remix-run/node";

import { declareRoutePermissions, shopifySignedRoute } from "~/modules/access-control/route-permissions";
import { authenticate } from "~/shopify.server";

export const permissions = declareRoutePermissions({
  loader: shopifySignedRoute("Shopify's auth paths (session-token bounce, exit-iframe): the SDK checks Shopify's token and shows no data."),
});

/** Shopify's auth paths (session-token bounce, exit-iframe) are answered by the SDK. */
export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return null;
}
