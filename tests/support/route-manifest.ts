import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { RouteAccess } from "../../app/modules/access-control/route-permissions";
import { REPO_ROOT } from "./app-process";

export type RouteHandler = "loader" | "action";

export interface ManifestRoute {
  id: string;
  /** The URL path, with `:param` and `*` filled with sample values. */
  path: string;
  index: boolean;
  /** Under the embedded admin (`/app`): called the way App Bridge's fetches call it, as single-fetch data requests. */
  admin: boolean;
  handlers: RouteHandler[];
  /** The module's `permissions` export, as the build has it (undefined when the route declares nothing). */
  permissions: Partial<Record<RouteHandler, RouteAccess>> | undefined;
}

interface BuiltRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
}

/**
 * Every route of the built server, read from the Remix build's own route manifest
 * (`build/server/index.js` exports `routes`), so a route added to app/routes is listed here
 * without anyone writing it down.
 */
export async function readRouteManifest(): Promise<ManifestRoute[]> {
  const entry = path.join(REPO_ROOT, "build/server/index.js");
  if (!existsSync(entry)) throw new Error("Run `npm run build` first: the route manifest is read from build/server/index.js.");
  const { routes } = (await import(pathToFileURL(entry).href)) as { routes: Record<string, BuiltRoute> };
  const fullPath = (route: BuiltRoute): string => {
    const parent = route.parentId ? fullPath(routes[route.parentId]!) : "";
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent || "/";
  };
  return Object.values(routes)
    .map((route) => {
      const handlers = (["loader", "action"] as const).filter((name) => typeof route.module[name] === "function");
      const filled = fullPath(route).replace(/:\w+/g, "sample").replace(/\*$/, "no-such-path");
      return {
        id: route.id,
        path: filled,
        index: route.index === true,
        admin: filled === "/app" || filled.startsWith("/app/"),
        handlers,
        permissions: route.module.permissions as ManifestRoute["permissions"],
      };
    })
    .filter((route) => route.handlers.length > 0);
}
