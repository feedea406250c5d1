import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";

export const meta: MetaFunction = () => [{ title: "Candor — privacy-safe review requests for Shopify" }];

export const permissions = declareRoutePermissions({
  loader: publicRoute("The public landing page; Shopify's open with ?shop= is sent on to /app, which authenticates."),
});

/** Shopify opens the app at its root with ?shop=…; the admin lives under /app. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
}

export default function Landing() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", padding: "0 1rem", lineHeight: 1.5 }}>
      <h1>Candor</h1>
      <p>
        Product review requests for Shopify stores that treat customers&apos; personal data as a liability to minimise:
        consent, retention windows, a per-customer data inventory, export and erasure built in.
      </p>
      <p>Install Candor from the Shopify App Store, then open it from your store&apos;s admin.</p>
    </main>
  );
}
