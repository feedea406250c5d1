import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, Page, Text } from "@shopify/polaris";
import { z } from "zod";

import { assignStaffRole } from "~/modules/access-control/assign-staff-role.server";
import { completeAccessReview } from "~/modules/access-control/complete-access-review.server";
import { getAccessReview } from "~/modules/access-control/get-access-review.server";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { revokeApiKey } from "~/modules/api-keys/revoke-api-key.server";
import { isAppError } from "~/modules/errors/app-error";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const meta: MetaFunction = () => [{ title: "Candor — Access review" }];

export const permissions = declareRoutePermissions({ loader: "roles:manage", action: "roles:manage" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  return getAccessReview(shop);
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remove-staff"), userId: z.string().regex(/^\d{1,20}$/) }),
  z.object({ intent: z.literal("revoke-key"), keyId: z.string().regex(/^key_[0-9a-f]{16}$/) }),
  z.object({ intent: z.literal("complete") }),
]);

type ActionResult = { ok: true } | { ok: false; message: string };

/** One click each: a departed staff member back to viewer, a key revoked, the review marked done — all audited. */
export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  const parsed = intentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ ok: false, message: "That request is not understood." } satisfies ActionResult, { status: 422 });
  const context = { requestId: requestIdOf(request) };
  try {
    if (parsed.data.intent === "remove-staff") await assignStaffRole(shop, actor, { userId: parsed.data.userId, role: "viewer" }, context);
    else if (parsed.data.intent === "revoke-key") await revokeApiKey(shop, parsed.data.keyId, actor, context);
    else await completeAccessReview(shop, actor, context);
    return Response.json({ ok: true } satisfies ActionResult);
  } catch (error) {
    if (isAppError(error) && error.status < 500) return Response.json({ ok: false, message: error.message } satisfies ActionResult, { status: error.status });
    throw error;
  }
}

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "Never");

function OneClick({ fields, label, accessibilityLabel }: { fields: Record<string, string>; label: string; accessibilityLabel: string }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit tone="critical" loading={fetcher.state !== "idle"} accessibilityLabel={accessibilityLabel}>
        {label}
      </Button>
      {fetcher.data && !fetcher.data.ok ? <Text as="p" tone="critical">{fetcher.data.message}</Text> : null}
    </fetcher.Form>
  );
}

export default function AccessReview() {
  const review = useLoaderData<typeof loader>();
  const completer = useFetcher<ActionResult>();
  return (
    <Page
      title="Access review"
      subtitle="Who holds which role in Candor and which API keys exist, with their last activity. Remove what is no longer needed, then mark the review done."
    >
      <BlockStack gap="400">
        <Banner tone={review.due ? "warning" : "info"} title={review.lastReview ? `Last reviewed ${formatDate(review.lastReview.reviewedAt)} by staff member ${review.lastReview.reviewedBy}` : "Never reviewed"}>
          <p>{review.due ? "A review is due: they are expected at least every 90 days." : "The next review is due 90 days after the last."}</p>
        </Banner>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Staff
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Staff member (Shopify user id)", "Role", "Last active", ""]}
              rows={review.staff.map((member) => [
                member.userId,
                member.role,
                formatDate(member.lastSeenAt),
                member.role === "owner" || member.role === "viewer" ? "" : (
                  <OneClick key="remove" fields={{ intent: "remove-staff", userId: member.userId }} label="Remove access" accessibilityLabel={`Remove access of ${member.userId}`} />
                ),
              ])}
            />
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              API keys
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={["Key", "For", "State", "Last used", ""]}
              rows={review.keys.map((key) => [
                key.id,
                key.label,
                <Badge key="state" tone={key.state === "active" ? "success" : undefined}>
                  {key.state}
                </Badge>,
                formatDate(key.lastUsedAt),
                key.state === "active" ? <OneClick key="revoke" fields={{ intent: "revoke-key", keyId: key.id }} label="Revoke" accessibilityLabel={`Revoke ${key.id}`} /> : "",
              ])}
            />
          </BlockStack>
        </Card>
        <completer.Form method="post">
          <input type="hidden" name="intent" value="complete" />
          <Button submit variant="primary" loading={completer.state !== "idle"}>
            Mark the review done
          </Button>
        </completer.Form>
      </BlockStack>
    </Page>
  );
}
