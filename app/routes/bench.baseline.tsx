import type { ActionFunctionArgs } from "@remix-run/node";

import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";

const BASELINE = publicRoute("Benchmark baseline: answers 404 unless BENCH_BASELINE_ROUTE=true, and reads or writes no data.");
export const permissions = declareRoutePermissions({ loader: BASELINE, action: BASELINE });

/**
 * The benchmark's baseline: a bare route that reads the body and answers 200, so the
 * webhook intake can be measured against the framework's own cost in the same run.
 * Answers 404 unless BENCH_BASELINE_ROUTE=true.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (process.env.BENCH_BASELINE_ROUTE !== "true") return new Response("Not found", { status: 404 });
  await request.text();
  return new Response(null, { status: 200 });
}

export function loader() {
  return new Response("Not found", { status: 404 });
}
