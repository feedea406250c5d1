import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, DataTable, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { API_KEY_MAX_DAYS, API_KEY_PERMISSION_LABELS, API_KEY_PERMISSIONS } from "~/modules/api-keys/api-key-permissions";
import { createApiKey } from "~/modules/api-keys/create-api-key.server";
import { listApiKeys } from "~/modules/api-keys/list-api-keys.server";
import { revokeApiKey } from "~/modules/api-keys/revoke-api-key.server";
import { isAppError } from "~/modules/errors/app-error";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const meta: MetaFunction = () => [{ title: "Candor — API keys" }];

export const permissions = declareRoutePermissions({ loader: "api-keys:manage", action: "api-keys:manage" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  return { keys: await listApiKeys(shop) };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), label: z.string(), expiresInDays: z.string(), permissions: z.array(z.string()) }),
  z.object({ intent: z.literal("revoke"), keyId: z.string().regex(/^key_[0-9a-f]{16}$/) }),
]);

type ActionResult = { ok: true; created?: { id: string; token: string; label: string } } | { ok: false; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  const form = await request.formData();
  const parsed = intentSchema.safeParse({ ...Object.fromEntries(form), permissions: form.getAll("permissions") });
  if (!parsed.success) return Response.json({ ok: false, message: "That request is not understood." } satisfies ActionResult, { status: 422 });
  try {
    if (parsed.data.intent === "revoke") {
      await revokeApiKey(shop, parsed.data.keyId, actor, { requestId: requestIdOf(request) });
      return Response.json({ ok: true } satisfies ActionResult);
    }
    const created = await createApiKey(shop, { label: parsed.data.label, expiresInDays: parsed.data.expiresInDays, permissions: parsed.data.permissions }, actor, {
      requestId: requestIdOf(request),
    });
    return Response.json({ ok: true, created: { id: created.id, token: created.token, label: created.label } } satisfies ActionResult);
  } catch (error) {
    if (error instanceof z.ZodError) {
      return Response.json({ ok: false, message: error.issues.map((issue) => `${issue.path.join(".") || "key"}: ${issue.message}`).join("; ") } satisfies ActionResult, { status: 422 });
    }
    if (isAppError(error) && error.status < 500) return Response.json({ ok: false, message: error.message } satisfies ActionResult, { status: error.status });
    throw error;
  }
}

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "Never");
const STATE_TONE = { active: "success", expired: "attention", revoked: "critical" } as const;

export default function ApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const creator = useFetcher<ActionResult>();
  const revoker = useFetcher<ActionResult>();
  const [label, setLabel] = useState("");
  const [days, setDays] = useState("90");
  const [chosen, setChosen] = useState<string[]>(["customer-data:lookup"]);
  const created = creator.data?.ok ? creator.data.created : undefined;
  return (
    <Page title="API keys" subtitle="Keys let support tooling (a DSAR platform, a helpdesk) call Candor's /api/v1/ with only the permissions you give them, until they expire or you revoke them.">
      <BlockStack gap="400">
        {created ? (
          <Banner tone="success" title={`Key “${created.label}” created`}>
            <BlockStack gap="200">
              <p>Copy it now: it is shown this once and Candor keeps only a fingerprint of it.</p>
              <code data-testid="new-api-key">{created.token}</code>
            </BlockStack>
          </Banner>
        ) : null}
        {creator.data && !creator.data.ok ? <Banner tone="critical">{creator.data.message}</Banner> : null}
        {revoker.data && !revoker.data.ok ? <Banner tone="critical">{revoker.data.message}</Banner> : null}
        <Card>
          <creator.Form method="post">
            <input type="hidden" name="intent" value="create" />
            <FormLayout>
              <TextField label="What uses this key" name="label" value={label} onChange={setLabel} autoComplete="off" helpText="For example the helpdesk's name, so you know what to revoke." />
              <TextField label="Expires after (days)" name="expiresInDays" type="number" min={1} max={API_KEY_MAX_DAYS} value={days} onChange={setDays} autoComplete="off" />
              <BlockStack gap="100">
                <Text as="p">Permissions</Text>
                {API_KEY_PERMISSIONS.map((permission) => (
                  <Checkbox
                    key={permission}
                    label={API_KEY_PERMISSION_LABELS[permission]}
                    checked={chosen.includes(permission)}
                    onChange={(checked) => setChosen((current) => (checked ? [...current, permission] : current.filter((value) => value !== permission)))}
                  />
                ))}
                {chosen.map((permission) => (
                  <input key={permission} type="hidden" name="permissions" value={permission} />
                ))}
              </BlockStack>
              <Button submit variant="primary" loading={creator.state !== "idle"}>
                Create key
              </Button>
            </FormLayout>
          </creator.Form>
        </Card>
        <Card>
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text", "text", "text"]}
            headings={["Key", "For", "Permissions", "State", "Expires", "Last used", ""]}
            rows={keys.map((key) => [
              key.id,
              key.label,
              key.permissions.join(", "),
              <Badge key="state" tone={STATE_TONE[key.state]}>
                {key.state}
              </Badge>,
              formatDate(key.expiresAt),
              formatDate(key.lastUsedAt),
              key.state === "revoked" ? (
                ""
              ) : (
                <revoker.Form key="revoke" method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="keyId" value={key.id} />
                  <Button submit tone="critical" accessibilityLabel={`Revoke ${key.id}`}>
                    Revoke
                  </Button>
                </revoker.Form>
              ),
            ])}
          />
        </Card>
      </BlockStack>
    </Page>
  );
}
