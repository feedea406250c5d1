import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";

import { getEnv } from "~/modules/config/get-env.server";
import { isDemoEnabled } from "~/modules/demo/is-demo-enabled.server";
import { authenticate } from "~/shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return {
    apiKey: getEnv().SHOPIFY_API_KEY,
    // Demo only: a local stand-in for Shopify's App Bridge script, which exists only inside
    // Shopify admin. Production always loads Shopify's own script.
    appBridgeUrl: isDemoEnabled() ? "/demo/app-bridge.js" : undefined,
  };
}

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Overview
        </Link>
        <Link to="/app/review-requests">Review requests</Link>
        <Link to="/app/reviews">Reviews</Link>
        <Link to="/app/customer-data">Customer data</Link>
        <Link to="/app/data-requests">Data requests</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/privacy-notice">Privacy notice</Link>
        <Link to="/app/security">Security</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify's boundary helpers keep auth redirects and headers working inside the iframe.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
