import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { parseInput, runApiRoute } from "~/modules/api/run-api-route.server";
import { getPrivacyNotice } from "~/modules/privacy-notice/get-privacy-notice.server";
import { PRIVACY_NOTICE_LANGUAGES } from "~/modules/privacy-notice/privacy-notice-strings";

export const permissions = declareRoutePermissions({
  loader: "settings:read",
  action: publicRoute("Answers 405: only GET reads this resource."),
});

const querySchema = z.strictObject({ lang: z.enum(PRIVACY_NOTICE_LANGUAGES).optional() });

/** GET /api/v1/privacy-notice?lang=en|fr|de — the privacy-policy section from the shop's settings (all languages without `lang`). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApiRoute(request, async (caller) => {
    const { shop } = await requirePermission(caller, permissions.loader);
    const { lang } = parseInput(querySchema, Object.fromEntries(new URL(request.url).searchParams));
    return getPrivacyNotice(shop, lang ? [lang] : undefined);
  });

/** Only GET reads this resource. */
export const action = (_args: ActionFunctionArgs) =>
  Response.json({ error: { code: "method_not_allowed", message: "Use GET." } }, { status: 405, headers: { Allow: "GET" } });
