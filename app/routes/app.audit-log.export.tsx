import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { auditLogFiltersSchema } from "~/modules/audit-log/audit-log-filters";
import { exportAuditLog } from "~/modules/audit-log/export-audit-log.server";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";

export const permissions = declareRoutePermissions({ action: "audit-log:read", loader: "audit-log:read" });

/** POST /app/audit-log/export (the page's filters): the matching entries as CSV. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  const filters = auditLogFiltersSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!filters.success) {
    return Response.json({ error: { code: "unprocessable", message: filters.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") } }, { status: 422 });
  }
  const exported = await exportAuditLog(shop, filters.data, {
    actor: { kind: "staff", userId: actor.userId },
    requestId: (context as { requestId?: string }).requestId,
  });
  return new Response(exported.body, {
    headers: { "Content-Type": exported.contentType, "Content-Disposition": `attachment; filename="${exported.filename}"`, "Cache-Control": "no-store" },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, permissions.loader);
  return Response.json({ error: { code: "method_not_allowed", message: "Use POST." } }, { status: 405, headers: { Allow: "POST" } });
}
