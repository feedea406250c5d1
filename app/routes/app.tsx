import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider as PolarisAppProvider, Banner, Page } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";

import type { Permission } from "~/modules/access-control/permissions";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { getEnv } from "~/modules/config/get-env.server";
import { isDemoEnabled } from "~/modules/demo/is-demo-enabled.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const permissions = declareRoutePermissions({ loader: "app:open" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, permissions.loader);
  return {
    // The navigation shows only the screens the staff member's role opens.
    permissions: actor.permissions,
    apiKey: getEnv().SHOPIFY_API_KEY,
    // Demo only: a local stand-in for Shopify's App Bridge script, which exists only inside
    // Shopify admin. Production always loads Shopify's own script.
    appBridgeUrl: isDemoEnabled() ? "/demo/app-bridge.js" : undefined,
  };
}

export default function App() {
  const { apiKey, appBridgeUrl, permissions: held } = useLoaderData<typeof loader>();
  const may = (permission: Permission) => held.includes(permission);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Overview
        </Link>
        {may("review-requests:read") ? <Link to="/app/review-requests">Review requests</Link> : null}
        {may("reviews:read") ? <Link to="/app/reviews">Reviews</Link> : null}
        {may("customer-data:lookup") ? <Link to="/app/customer-data">Customer data</Link> : null}
        {may("data-requests:read") ? <Link to="/app/data-requests">Data requests</Link> : null}
        <Link to="/app/settings">Settings</Link>
        {may("settings:read") ? <Link to="/app/privacy-notice">Privacy notice</Link> : null}
        {may("roles:manage") ? <Link to="/app/staff">Staff</Link> : null}
        {may("roles:manage") ? <Link to="/app/access-review">Access review</Link> : null}
        {may("api-keys:manage") ? <Link to="/app/api-keys">API keys</Link> : null}
        {may("audit-log:read") ? <Link to="/app/audit-log">Audit log</Link> : null}
        {may("security-audit:read") ? <Link to="/app/security">Security</Link> : null}
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

/** The guard's 403 (a role without the permission), as a page; anything else goes to Shopify's boundary. */
function Forbidden({ message }: { message: string }) {
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page title="Not available to your role">
        <Banner tone="warning" title="You do not have access to this">
          <p>{message}</p>
        </Banner>
      </Page>
    </PolarisAppProvider>
  );
}

// Shopify's boundary helpers keep auth redirects and headers working inside the iframe.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) {
    const message = (error.data as { error?: { message?: string } } | null)?.error?.message;
    return <Forbidden message={message ?? "Your role in Candor does not allow this."} />;
  }
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
