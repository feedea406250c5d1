import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Page, Text } from "@shopify/polaris";

import { runSecurityAudit } from "~/modules/security-audit/run-security-audit.server";
import { authenticate } from "~/shopify.server";

export const meta: MetaFunction = () => [{ title: "Candor — Security self-audit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return runSecurityAudit(session.shop);
}

export default function SecuritySelfAudit() {
  const audit = useLoaderData<typeof loader>();
  return (
    <Page
      title="Security self-audit"
      subtitle="The live configuration checked against Candor's security framework: keys, rotation, encrypted connections, scopes and compliance webhooks."
    >
      <BlockStack gap="400">
        <Card>
          <Text as="p" variant="bodyMd">
            {audit.failed === 0
              ? `All ${audit.passed} checks pass.`
              : `${audit.failed} of ${audit.passed + audit.failed} checks fail. Each says why it matters and how to fix it.`}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {`Checked ${new Date(audit.checkedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC, when this page was opened.`}
          </Text>
        </Card>
        {audit.checks.map((check) => (
          <Card key={check.id}>
            <section aria-labelledby={`check-${check.id}`} data-check={check.id} data-status={check.status}>
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Badge tone={check.status === "pass" ? "success" : "critical"}>{check.status === "pass" ? "Pass" : "Fail"}</Badge>
                  <Text as="h2" variant="headingSm" id={`check-${check.id}`}>
                    {check.title}
                  </Text>
                </InlineStack>
                <Text as="p" variant="bodyMd">
                  {check.finding}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {`Why it matters: ${check.whyItMatters}`}
                </Text>
                {check.status === "fail" ? (
                  <Text as="p" variant="bodySm">
                    {`How to fix: ${check.howToFix}`}
                  </Text>
                ) : null}
              </BlockStack>
            </section>
          </Card>
        ))}
      </BlockStack>
    </Page>
  );
}
