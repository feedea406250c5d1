import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  Divider,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { z } from "zod";

import { actorHasPermission, describeActor } from "~/modules/access-control/actor";
import { forbiddenResponse, requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import type { CustomerDataView } from "~/modules/data-rights/get-customer-data-view.server";
import { describeDataRequestReceipt } from "~/modules/data-rights/describe-data-request-receipt";
import { describeRequester } from "~/modules/data-rights/describe-requester";
import type { ErasureReceipt } from "~/modules/data-rights/erase-customer-data.server";
import { eraseCustomerOnRequest } from "~/modules/data-rights/erase-customer-on-request.server";
import { getCustomerDataView } from "~/modules/data-rights/get-customer-data-view.server";
import { CUSTOMER_LOOKUP_KINDS, parseCustomerLookupForm, type CustomerLookupKind } from "~/modules/data-rights/parse-customer-lookup-form";
import { downloadThroughFetch } from "~/components/download-through-fetch";
import { requestIdOf } from "~/modules/observability/request-id-of";
import { isAppError } from "~/modules/errors/app-error";

export const meta: MetaFunction = () => [{ title: "Candor — Customer data" }];

/** Looking up needs `customer-data:lookup`; the erase intent also needs `customer-data:erase`. */
export const permissions = declareRoutePermissions({ loader: "customer-data:lookup", action: "customer-data:lookup" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, permissions.loader);
  return null;
}

type ErasureResult = ErasureReceipt & { dataRequestId: string; lookupComplete: boolean };

type ActionResult =
  | { intent: "lookup"; ok: true; by: CustomerLookupKind; value: string; view: CustomerDataView }
  | { intent: "lookup" | "erase"; ok: false; by: CustomerLookupKind; value: string; message: string }
  | { intent: "erase"; ok: true; by: CustomerLookupKind; value: string; receipt: ErasureResult };

const intentSchema = z.enum(["lookup", "erase"]);

/**
 * Lookups are POSTed so an email address never travels in a URL (which App Bridge would copy
 * into the admin's address bar and the browser's history).
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  const form = Object.fromEntries(await request.formData());
  const intent = intentSchema.safeParse(form.intent);
  const parsed = parseCustomerLookupForm(form);
  if (!intent.success || !parsed.ok) {
    return Response.json(
      {
        intent: intent.success ? intent.data : "lookup",
        ok: false,
        by: parsed.by,
        value: parsed.value,
        message: parsed.ok ? "That action is not understood." : parsed.message,
      } satisfies ActionResult,
      { status: 422 },
    );
  }
  const { by, value, lookup } = parsed;
  const requestedBy = describeActor(actor);
  if (intent.data === "erase" && !actorHasPermission(actor, "customer-data:erase")) throw forbiddenResponse("customer-data:erase");
  try {
    if (intent.data === "lookup") {
      const view = await getCustomerDataView(shop, lookup, { requestedBy, requestId: requestIdOf(request) });
      return Response.json({ intent: "lookup", ok: true, by, value, view } satisfies ActionResult);
    }
    const receipt = await eraseCustomerOnRequest(shop, lookup, { source: "admin", requestedBy, requestId: requestIdOf(request) });
    return Response.json({ intent: "erase", ok: true, by, value, receipt } satisfies ActionResult);
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      return Response.json({ intent: intent.data, ok: false, by, value, message: error.message } satisfies ActionResult, { status: error.status });
    }
    throw error;
  }
}

const KIND_LABELS: Record<CustomerLookupKind, string> = { customerId: "Customer ID", email: "Email", orderId: "Order ID" };

const STORE_TITLES: Record<string, string> = {
  ReviewRequest: "Review requests",
  RequestedProduct: "Requested products",
  SendAttempt: "Send attempts",
  Review: "Reviews",
  Suppression: "Do-not-ask list",
  ConsentEntry: "Consent records",
  DataRequest: "Data request register",
  OutboxMessage: "Outbox (hand-over to the job queue)",
  WebhookDelivery: "Store events received",
  "send-review-request": "Queued review emails",
  "send-review-reminder": "Queued reminders",
};

const PROCESSOR_TITLES: Record<string, string> = {
  "email-provider": "Email provider",
  "shopify-flow": "Shopify Flow",
  "shopify-customer": "Shopify (where the address is read from)",
};

const ROLE_NAMES: Record<string, string> = { owner: "Owner", admin: "Admin", support: "Support", marketing: "Marketing", viewer: "Viewer" };

const formatDate = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

/** A stored value as text; React escapes it, so nothing a customer wrote becomes markup. */
const formatValue = (value: unknown) =>
  value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

const describeLocation = (location: { system: string; engine: string; region: string }) =>
  `${location.system} · ${location.engine} · Region: ${location.region}`;

const describeRoles = (roles: readonly string[]) => (roles.length === 0 ? "No one (used by Candor only)" : roles.map((role) => ROLE_NAMES[role] ?? role).join(", "));

type InventoryStore = CustomerDataView["inventory"]["stores"][number];
type Processor = CustomerDataView["inventory"]["processors"][number];

function Wrapped({ children }: { children: string }) {
  return <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{children}</span>;
}

function FieldsTable({ fields }: { fields: InventoryStore["fields"] }) {
  return (
    <DataTable
      increasedTableDensity
      verticalAlign="top"
      columnContentTypes={["text", "text", "text", "text", "text"]}
      headings={["Field", "Purpose", "Legal basis", "Kept", "Who can see it"]}
      rows={fields.map((field) => [
        field.name,
        <Wrapped key="purpose">{field.purpose}</Wrapped>,
        <Wrapped key="basis">{field.legalBasis.text}</Wrapped>,
        <Wrapped key="retention">{field.retention.description}</Wrapped>,
        <Wrapped key="roles">{describeRoles(field.visibleTo)}</Wrapped>,
      ])}
    />
  );
}

function StoreCard({ store }: { store: InventoryStore }) {
  const title = STORE_TITLES[store.store] ?? store.store;
  return (
    <section aria-label={title}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <Text as="h3" variant="headingMd">
              {title}
            </Text>
            <Badge>{`${store.records.length} record${store.records.length === 1 ? "" : "s"}`}</Badge>
          </InlineStack>
          <Text as="p" tone="subdued" variant="bodySm">
            {describeLocation(store.location)}
          </Text>
          <Text as="p">{store.description}</Text>
          {store.records.map((record) => (
            <BlockStack key={record.id} gap="200">
              <Divider />
              <InlineStack align="space-between" gap="200">
                <Text as="h4" variant="headingSm">
                  {`Record ${record.id}`}
                </Text>
                <Text as="span" variant="bodySm">
                  {record.deletionDate ? `Deleted on ${formatDate(record.deletionDate)}` : "No deletion date yet (see “Kept” below)"}
                </Text>
              </InlineStack>
              <DataTable
                increasedTableDensity
                verticalAlign="top"
                columnContentTypes={["text", "text"]}
                headings={["Field", "Value"]}
                rows={Object.entries(record.data).map(([field, value]) => [field, <Wrapped key={field}>{formatValue(value)}</Wrapped>])}
              />
            </BlockStack>
          ))}
          <details>
            <summary style={{ cursor: "pointer" }}>
              <Text as="span" fontWeight="semibold">
                Purpose, legal basis and who can see each field
              </Text>
            </summary>
            <Box paddingBlockStart="200">
              <FieldsTable fields={store.fields} />
            </Box>
          </details>
        </BlockStack>
      </Card>
    </section>
  );
}

function ProcessorsCard({ processors }: { processors: Processor[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Services that receive data without Candor keeping it
        </Text>
        {processors.map((processor) => (
          <section key={processor.name} aria-label={PROCESSOR_TITLES[processor.name] ?? processor.name}>
            <BlockStack gap="200">
              <Divider />
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {PROCESSOR_TITLES[processor.name] ?? processor.name}
                </Text>
                {processor.inUse ? null : <Badge>Not used with your settings</Badge>}
              </InlineStack>
              <Text as="p" tone="subdued" variant="bodySm">
                {describeLocation(processor.location)}
              </Text>
              <Text as="p">{processor.description}</Text>
              <Text as="p" fontWeight="semibold">
                {processor.kind === "source" ? "What Candor reads from it:" : "What it receives:"}
              </Text>
              <List>
                {processor.fields.map((field) => (
                  <List.Item key={field.name}>{`${field.name}: ${field.purpose}`}</List.Item>
                ))}
              </List>
            </BlockStack>
          </section>
        ))}
      </BlockStack>
    </Card>
  );
}

function ReceiptCard({ receipt }: { receipt: ErasureResult }) {
  const described = describeDataRequestReceipt(receipt);
  return (
    <section aria-label="Erasure receipt">
      <Banner tone="success" title="The customer's data was erased">
        <BlockStack gap="200">
          <p>{`Erased on ${formatDate(receipt.erasedAt)} by ${describeRequester(receipt.requestedBy)}.`}</p>
          <List>
            {described.lines.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          {receipt.suppressionAdded ? (
            <p>A do-not-ask entry (keyed fingerprints only) stops replayed store events from bringing this customer back.</p>
          ) : null}
          {receipt.lookupComplete ? null : (
            <p>Shopify could not be asked for the customer&apos;s other key, so records filed only under it may remain. Try again later.</p>
          )}
          <p>
            The request and this receipt are kept in the <RemixLink to="/app/data-requests">data request register</RemixLink>.
          </p>
        </BlockStack>
      </Banner>
    </section>
  );
}

function downloadExport(by: CustomerLookupKind, value: string, format: "json" | "csv"): Promise<string> {
  return downloadThroughFetch("/app/customer-data/export", new URLSearchParams({ by, value, format }), `customer-data.${format}`);
}

function CustomerData({ by, value, view, onErased }: { by: CustomerLookupKind; value: string; view: CustomerDataView; onErased: () => void }) {
  const eraser = useFetcher<ActionResult>();
  const [confirming, setConfirming] = useState(false);
  const [download, setDownload] = useState<{ state: "idle" | "json" | "csv" } | { state: "done"; filename: string } | { state: "failed"; message: string }>({
    state: "idle",
  });
  const { inventory, erasure } = view;
  const erased = eraser.data?.intent === "erase" && eraser.data.ok ? eraser.data.receipt : null;
  const eraseFailed = eraser.data && !eraser.data.ok ? eraser.data.message : null;
  const erasing = eraser.state !== "idle";

  useEffect(() => {
    if (erased) {
      setConfirming(false);
      onErased();
    }
    // Once per receipt: the lookup runs again to show what is left.
  }, [erased?.dataRequestId]);

  const startDownload = (format: "json" | "csv") => {
    setDownload({ state: format });
    downloadExport(by, value, format).then(
      (filename) => setDownload({ state: "done", filename }),
      (error: Error) => setDownload({ state: "failed", message: error.message }),
    );
  };

  return (
    <BlockStack gap="400">
      {erased ? <ReceiptCard receipt={erased} /> : null}
      {inventory.complete ? null : (
        <Banner tone="warning" title="This list may be incomplete">
          <p>
            Shopify could not be asked for this customer&apos;s other key (the email of a customer ID, or the customer of an email or
            order), so records Candor filed only under that key are not shown. Try again in a moment, or look the customer up the
            other way.
          </p>
        </Banner>
      )}
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {inventory.total === 0
              ? `Candor holds nothing about this customer (${KIND_LABELS[by]} ${value})`
              : `${inventory.total} record${inventory.total === 1 ? "" : "s"} about this customer (${KIND_LABELS[by]} ${value})`}
          </Text>
          <Text as="p" tone="subdued">
            {`Looked up ${formatDate(inventory.generatedAt)}. Candor never stores the customer's name or email address; records are found by keyed fingerprints of their customer ID and email.`}
          </Text>
          <InlineStack gap="200">
            <Button onClick={() => startDownload("json")} loading={download.state === "json"} disabled={download.state === "csv"}>
              Download JSON
            </Button>
            <Button onClick={() => startDownload("csv")} loading={download.state === "csv"} disabled={download.state === "json"}>
              Download CSV
            </Button>
            <Button tone="critical" onClick={() => setConfirming(true)} disabled={confirming || erasing}>
              Erase this customer&apos;s data
            </Button>
          </InlineStack>
          {download.state === "done" ? (
            <Text as="p" tone="success">
              {`Downloaded ${download.filename}. The export is entered in the data request register as an answered access request.`}
            </Text>
          ) : null}
          {download.state === "failed" ? (
            <Banner tone="critical" title="The export failed">
              <p>{download.message}</p>
            </Banner>
          ) : null}
        </BlockStack>
      </Card>
      {confirming ? (
        <section aria-label="Confirm erasure">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Erase this customer&apos;s data?
              </Text>
              {erasure.total === 0 ? (
                <Text as="p">Candor holds nothing that an erasure removes. The request will still be entered in the register.</Text>
              ) : (
                <BlockStack gap="200">
                  {erasure.remove.length > 0 ? (
                    <>
                      <Text as="p" fontWeight="semibold">
                        Permanently removed:
                      </Text>
                      <List>
                        {erasure.remove.map((line) => (
                          <List.Item key={line.store}>{line.text}</List.Item>
                        ))}
                      </List>
                    </>
                  ) : null}
                  {erasure.anonymise.length > 0 ? (
                    <>
                      <Text as="p" fontWeight="semibold">
                        Kept without the reviewer&apos;s name or order (your settings keep reviews):
                      </Text>
                      <List>
                        {erasure.anonymise.map((line) => (
                          <List.Item key={line.store}>{line.text}</List.Item>
                        ))}
                      </List>
                    </>
                  ) : null}
                </BlockStack>
              )}
              <Text as="p">
                {`Kept as proof, holding keyed fingerprints and counts only: ${
                  erasure.keep.length > 0 ? `${erasure.keep.map((line) => line.text).join(", ")}, ` : ""
                }the register entry of this erasure with its receipt, and a do-not-ask entry so replayed store events cannot bring the customer back.`}
              </Text>
              <Text as="p" fontWeight="bold">
                This cannot be undone.
              </Text>
              {eraseFailed ? (
                <Banner tone="critical" title="Nothing was erased">
                  <p>{eraseFailed}</p>
                </Banner>
              ) : null}
              <eraser.Form method="post">
                <input type="hidden" name="intent" value="erase" />
                <input type="hidden" name="by" value={by} />
                <input type="hidden" name="value" value={value} />
                <InlineStack gap="200">
                  <Button submit variant="primary" tone="critical" loading={erasing}>
                    Erase permanently
                  </Button>
                  <Button onClick={() => setConfirming(false)} disabled={erasing}>
                    Cancel
                  </Button>
                </InlineStack>
              </eraser.Form>
            </BlockStack>
          </Card>
        </section>
      ) : null}
      {inventory.stores.map((store) => (
        <StoreCard key={store.store} store={store} />
      ))}
      <ProcessorsCard processors={inventory.processors} />
    </BlockStack>
  );
}

export default function CustomerDataPage() {
  const lookup = useFetcher<ActionResult>();
  const [by, setBy] = useState<CustomerLookupKind>("customerId");
  const [value, setValue] = useState("");
  const result = lookup.data?.intent === "lookup" ? lookup.data : null;
  const found = result?.ok ? result : null;
  const refused = result && !result.ok ? result.message : null;

  return (
    <Page title="Customer data" subtitle="Find everything Candor holds about one customer, export it for them, or erase it.">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <lookup.Form method="post">
                <input type="hidden" name="intent" value="lookup" />
                <FormLayout>
                  <FormLayout.Group condensed>
                    <Select
                      label="Look up by"
                      name="by"
                      options={CUSTOMER_LOOKUP_KINDS.map((kind) => ({ label: KIND_LABELS[kind], value: kind }))}
                      value={by}
                      onChange={(next) => setBy(next as CustomerLookupKind)}
                    />
                    <TextField
                      label={KIND_LABELS[by]}
                      name="value"
                      value={value}
                      onChange={setValue}
                      autoComplete="off"
                      type={by === "email" ? "email" : "text"}
                      placeholder={by === "email" ? "customer@example.com" : "e.g. 7340000000000000301"}
                      error={refused ?? undefined}
                    />
                  </FormLayout.Group>
                  <Button submit variant="primary" loading={lookup.state !== "idle"}>
                    Look up
                  </Button>
                </FormLayout>
              </lookup.Form>
            </Card>
            {found ? (
              <CustomerData
                key={`${found.by}:${found.value}`}
                by={found.by}
                value={found.value}
                view={found.view}
                onErased={() => lookup.submit({ intent: "lookup", by: found.by, value: found.value }, { method: "post" })}
              />
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
