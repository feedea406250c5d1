import type { Permission } from "./permissions";

/**
 * A route that no staff permission guards, and why: a storefront page Shopify signs, a
 * customer's signed link, Shopify's own auth paths, a demo-only page.
 */
export interface OpenAccess {
  /** "shopify-signed": Shopify's signature (app proxy) or Shopify's auth flow is the check. "public": anyone may call it. */
  kind: "public" | "shopify-signed";
  reason: string;
}

export type RouteAccess = Permission | OpenAccess;

/**
 * What each route module declares as `export const permissions`: the permission its loader
 * and its action need. A test reads every route of the build's manifest and fails for a
 * route without it; the guard (`requirePermission`) takes the same value, so the declaration
 * and the check cannot differ.
 */
export interface RoutePermissions {
  loader?: RouteAccess;
  action?: RouteAccess;
}

export const publicRoute = (reason: string): OpenAccess => ({ kind: "public", reason });
export const shopifySignedRoute = (reason: string): OpenAccess => ({ kind: "shopify-signed", reason });

/** Identity function that type-checks a route's declaration. */
export const declareRoutePermissions = <Declared extends RoutePermissions>(declared: Declared): Declared => declared;
