import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";

const UNKNOWN_PATH = publicRoute("Unknown API paths: answers 404 and reads nothing.");
export const permissions = declareRoutePermissions({ loader: UNKNOWN_PATH, action: UNKNOWN_PATH });

/** Any other `/api/v1/` path: the API's JSON error shape, never the admin's HTML page. */
const notFound = () => Response.json({ error: { code: "not_found", message: "There is no such API endpoint; see docs/api.md." } }, { status: 404 });

export const loader = (_args: LoaderFunctionArgs) => notFound();
export const action = (_args: ActionFunctionArgs) => notFound();
