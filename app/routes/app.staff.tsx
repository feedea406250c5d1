import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, DataTable, Page, Select, Text } from "@shopify/polaris";
import { z } from "zod";

import { assignStaffRole } from "~/modules/access-control/assign-staff-role.server";
import { listStaffMembers } from "~/modules/access-control/list-staff-members.server";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "~/modules/data-map/roles";
import { isAppError } from "~/modules/errors/app-error";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const meta: MetaFunction = () => [{ title: "Candor — Staff" }];

export const permissions = declareRoutePermissions({ loader: "roles:manage", action: "roles:manage" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.loader);
  return { staff: await listStaffMembers(shop), you: { userId: actor.userId, role: actor.role } };
}

const assignmentSchema = z.object({ userId: z.string().regex(/^\d{1,20}$/), role: z.enum(ROLES) });

type ActionResult = { ok: true; userId: string; role: Role } | { ok: false; userId: string | null; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  const parsed = assignmentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json({ ok: false, userId: null, message: "Choose a staff member and one of the roles." } satisfies ActionResult, { status: 422 });
  }
  try {
    const assigned = await assignStaffRole(shop, actor, parsed.data, { requestId: requestIdOf(request) });
    return Response.json({ ok: true, ...assigned } satisfies ActionResult);
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      return Response.json({ ok: false, userId: parsed.data.userId, message: error.message } satisfies ActionResult, { status: error.status });
    }
    throw error;
  }
}

const ROLE_NAMES: Record<Role, string> = { owner: "Owner", admin: "Admin", support: "Support", marketing: "Marketing", viewer: "Viewer" };

const formatDate = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

function RolePicker({ userId, role, disabled }: { userId: string; role: Role; disabled: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  const pending = fetcher.formData?.get("role");
  return (
    <BlockStack gap="100">
      <Select
        label={`Role of staff member ${userId}`}
        labelHidden
        disabled={disabled || fetcher.state !== "idle"}
        options={ROLES.map((value) => ({ label: ROLE_NAMES[value], value }))}
        value={typeof pending === "string" ? pending : role}
        onChange={(value) => fetcher.submit({ userId, role: value }, { method: "post" })}
      />
      {fetcher.data && !fetcher.data.ok ? (
        <Text as="p" tone="critical" variant="bodySm">
          {fetcher.data.message}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export default function Staff() {
  const { staff, you } = useLoaderData<typeof loader>();
  return (
    <Page title="Staff" subtitle="Who may see and do what in Candor. Staff are known by their Shopify user id only; no name or email is kept.">
      <BlockStack gap="400">
        <Banner tone="info">
          <p>
            Staff appear here the first time they open Candor. The shop&apos;s owner starts as Owner, everyone else as Viewer until given a role.
            Only an owner can give or take away the Owner role, and the last owner keeps it.
          </p>
        </Banner>
        <Card>
          <DataTable
            verticalAlign="middle"
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Staff member", "Role", "First seen", "Last seen"]}
            rows={staff.map((member) => [
              <BlockStack key="who" gap="100">
                <Text as="span">{`User ${member.userId}`}</Text>
                <span>
                  {member.accountOwner ? <Badge tone="info">Shop owner</Badge> : null}
                  {member.userId === you.userId ? <Badge>You</Badge> : null}
                </span>
              </BlockStack>,
              <RolePicker key="role" userId={member.userId} role={member.role} disabled={member.role === "owner" && you.role !== "owner"} />,
              formatDate(member.createdAt),
              formatDate(member.lastSeenAt),
            ])}
          />
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Roles
            </Text>
            {ROLES.map((role) => (
              <Text key={role} as="p">
                <Text as="span" fontWeight="semibold">
                  {ROLE_NAMES[role]}
                </Text>
                {` — ${ROLE_DESCRIPTIONS[role]}`}
              </Text>
            ))}
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
