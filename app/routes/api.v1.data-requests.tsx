import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { listDataRequests } from "~/modules/data-rights/list-data-requests.server";

const querySchema = z.strictObject({ status: z.enum(["pending", "completed", "failed"]).optional() });

/** GET /api/v1/data-requests?status=… — the register, newest first. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async ({ shop }) => ({
    dataRequests: await listDataRequests(shop, parseInput(querySchema, Object.fromEntries(new URL(request.url).searchParams))),
  }));

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
