import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { exportCustomerOnRequest } from "~/modules/data-rights/export-customer-on-request.server";
import { parseCustomerLookupForm } from "~/modules/data-rights/parse-customer-lookup-form";
import { authenticate } from "~/shopify.server";
import { requestIdOf } from "~/modules/observability/request-id-of";

const formatSchema = z.enum(["json", "csv"]);

/**
 * POST /app/customer-data/export (by, value, format): one customer's export as a file,
 * entered in the register as an answered access request. The admin page fetches it: inside
 * Shopify admin a plain link opens a document request without the session token (the SDK
 * would answer with its bounce page), while the page's fetch carries the token App Bridge
 * adds. POST, because it writes a register entry and keeps an email address out of URLs.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
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
  const exported = await exportCustomerOnRequest(session.shop, lookup.lookup, {
    source: "admin",
    requestedBy: sessionToken?.sub ? `staff:${sessionToken.sub}` : "staff",
    format: format.data,
    requestId: requestIdOf(request),
  });
  return new Response(exported.body, {
    headers: {
      "Content-Type": exported.contentType,
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return Response.json({ error: { code: "method_not_allowed", message: "Use POST." } }, { status: 405, headers: { Allow: "POST" } });
}
