import type { LoaderFunctionArgs } from "@remix-run/node";

import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { isDemoEnabled } from "~/modules/demo/is-demo-enabled.server";
import { mintDemoSessionToken } from "~/modules/demo/mint-demo-session-token.server";
import { sanitizeShopDomain } from "~/shopify.server";

export const permissions = declareRoutePermissions({
  loader: publicRoute("Demo only (404 otherwise, never in production): mints the session token Shopify admin would give."),
});

/** Demo only: what App Bridge's `shopify.idToken()` returns inside Shopify admin. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!isDemoEnabled()) throw new Response("Not found", { status: 404 });
  const shop = sanitizeShopDomain(new URL(request.url).searchParams.get("shop") ?? "");
  if (!shop) throw new Response("Unknown shop", { status: 400 });
  return new Response(await mintDemoSessionToken(shop), {
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
