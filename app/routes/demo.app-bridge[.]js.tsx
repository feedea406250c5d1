import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { isDemoEnabled } from "~/modules/demo/is-demo-enabled.server";

export const permissions = declareRoutePermissions({
  loader: publicRoute("Demo only (404 otherwise): a static stand-in for Shopify's App Bridge script."),
});

/**
 * Demo only: a minimal stand-in for Shopify's App Bridge script, which exists only inside
 * Shopify admin. Like App Bridge it offers `shopify.idToken()` and adds a session token to
 * the app's own fetches; it also shows the navigation menu, which Shopify admin would draw.
 */
const STAND_IN = `(() => {
  const params = new URLSearchParams(location.search);
  const shop = params.get("shop") || sessionStorage.getItem("candor-demo-shop");
  if (!shop) return;
  sessionStorage.setItem("candor-demo-shop", shop);
  const idToken = () =>
    fetch("/demo/session-token?shop=" + encodeURIComponent(shop), { credentials: "same-origin" }).then((r) => r.text());
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/demo/")) return nativeFetch(input, init);
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
    return nativeFetch(input, { ...init, headers });
  };
  const toast = { show: (message) => { const el = document.createElement("div"); el.textContent = message; el.setAttribute("role", "status");
    el.style.cssText = "position:fixed;bottom:24px;left:50%;transform:translateX(-50%);background:#303030;color:#fff;padding:10px 16px;border-radius:8px;z-index:1000";
    document.body.appendChild(el); setTimeout(() => el.remove(), 4000); } };
  window.shopify = { config: { shop, apiKey: document.currentScript?.dataset.apiKey }, idToken, toast, environment: { embedded: false, mobile: false } };
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu{display:flex;gap:16px;padding:12px 20px;background:#1a1a1a;font:14px system-ui,sans-serif}ui-nav-menu a{color:#fff;text-decoration:none}ui-nav-menu a[aria-current=page]{text-decoration:underline}";
  document.head.appendChild(style);
})();`;

export function loader() {
  if (!isDemoEnabled()) throw new Response("Not found", { status: 404 });
  return new Response(STAND_IN, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
}
