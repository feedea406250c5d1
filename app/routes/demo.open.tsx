import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { isDemoEnabled } from "~/modules/demo/is-demo-enabled.server";
import { mintDemoSessionToken } from "~/modules/demo/mint-demo-session-token.server";
import { sanitizeShopDomain } from "~/shopify.server";

export const permissions = declareRoutePermissions({
  loader: publicRoute("Demo only (404 otherwise, never in production): opens the admin, which then authenticates as usual."),
});

/**
 * Demo only: opens the admin in an ordinary browser tab the way Shopify admin opens it in
 * its iframe (shop, host, embedded=1 and a fresh session token). 404 everywhere else.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!isDemoEnabled()) throw new Response("Not found", { status: 404 });
  const shop = sanitizeShopDomain(new URL(request.url).searchParams.get("shop") ?? "");
  if (!shop) throw new Response("Unknown shop", { status: 400 });
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
  const params = new URLSearchParams({ embedded: "1", shop, host, id_token: await mintDemoSessionToken(shop) });
  throw redirect(`/app?${params.toString()}`);
}
