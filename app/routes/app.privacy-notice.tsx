import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { getPrivacyNotice } from "~/modules/privacy-notice/get-privacy-notice.server";
import { PRIVACY_NOTICE_LANGUAGES, type PrivacyNoticeLanguage } from "~/modules/privacy-notice/privacy-notice-strings";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";

export const meta: MetaFunction = () => [{ title: "Candor — Privacy notice" }];

export const permissions = declareRoutePermissions({ loader: "settings:read" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  return getPrivacyNotice(shop);
}

const LANGUAGE_NAMES: Record<PrivacyNoticeLanguage, string> = { en: "English", fr: "French", de: "German" };

function NoticeText({ language, text }: { language: PrivacyNoticeLanguage; text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    // Clipboard access can be refused inside the admin's iframe; the text stays selectable.
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {LANGUAGE_NAMES[language]}
          </Text>
          <Button onClick={copy}>{copied ? "Copied" : `Copy ${LANGUAGE_NAMES[language]} text`}</Button>
        </InlineStack>
        <TextField label={`${LANGUAGE_NAMES[language]} privacy notice`} labelHidden value={text} multiline={12} readOnly autoComplete="off" />
      </BlockStack>
    </Card>
  );
}

export default function PrivacyNotice() {
  const notice = useLoaderData<typeof loader>();
  return (
    <Page title="Privacy notice" subtitle={`Version ${notice.version}`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p">
              Add this section to your shop's privacy policy (Settings › Policies in Shopify). It is written from your <Link to="/app/settings">settings</Link> and
              from Candor's data map, so it says what Candor actually does with your customers' data: what, why, who is asked, where, for how long, and how to
              opt out. When you change a setting it describes, the text and its version change: update your policy with the new text.
            </Text>
            <Text as="p" tone="subdued">
              Every consent record Candor keeps names the version in force when it was recorded, so you can show which notice a customer was given.
            </Text>
            {PRIVACY_NOTICE_LANGUAGES.map((language) => (
              <NoticeText key={language} language={language} text={notice.texts[language] ?? ""} />
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
