import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { describeActor } from "~/modules/access-control/actor";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { exportCustomerOnRequest } from "~/modules/data-rights/export-customer-on-request.server";
import { parseCustomerLookupForm } from "~/modules/data-rights/parse-customer-lookup-form";
import { isAppError } from "~/modules/errors/app-error";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const permissions = declareRoutePermissions({ action: "customer-data:export", loader: "customer-data:export" });

const formatSchema = z.enum(["json", "csv"]);

/**
 * POST /app/customer-data/export (by, value, format): one customer's export as a file,
 * entered in the register as an answered access request. The admin page fetches it: inside
 * Shopify admin a plain link opens a document request without the session token (the SDK
 * would answer with its bounce page), while the page's fetch carries the token App Bridge
 * adds. POST, because it writes a register entry and keeps an email address out of URLs.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  if (request.method !== "POST") {
    return Response.json({ error: { code: "method_not_allowed", message: "Use POST." } }, { status: 405, headers: { Allow: "POST" } });
  }
  const form = Object.fromEntries(await request.formData());
  const lookup = parseCustomerLookupForm(form);
  const format = formatSchema.safeParse(form.format);
  if (!lookup.ok || !format.success) {
    const message = lookup.ok ? "Choose JSON or CSV." : lookup.message;
    return Response.json({ error: { code: "unprocessable", message } }, { status: 422 });
  }
  let exported;
  try {
    exported = await exportCustomerOnRequest(shop, lookup.lookup, {
      source: "admin",
      requestedBy: describeActor(actor),
      format: format.data,
      requestId: requestIdOf(request),
    });
  } catch (error) {
    if (isAppError(error) && error.status < 500) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    throw error;
  }
  return new Response(exported.body, {
    headers: {
      "Content-Type": exported.contentType,
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, permissions.loader);
  return Response.json({ error: { code: "method_not_allowed", message: "Use POST." } }, { status: 405, headers: { Allow: "POST" } });
}
