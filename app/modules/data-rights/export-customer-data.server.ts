import { formatCsvRow } from "~/modules/csv/format-csv-row";

import { buildCustomerInventory, type CustomerInventory } from "./build-customer-inventory.server";
import type { CustomerLookup } from "./customer-lookup";

/** What GDPR Art. 15(1) and 20 ask for beside the data itself. */
const ABOUT = {
  controller: "The shop named in this export; Candor processes this data on the shop's behalf.",
  source:
    "Shopify, which sent Candor the order's identifiers when it was fulfilled; your review, which you wrote yourself. Your email address is read from Shopify at the moment an email is sent and is not stored.",
  recipients:
    "The shop's staff with access to reviews; the shop's email provider (for the review request email) or Shopify Flow when the shop sends its own emails; published reviews are shown on the shop's website.",
  rights: [
    "Access (Art. 15) and portability (Art. 20): this export.",
    "Rectification (Art. 16) and erasure (Art. 17): ask the shop; an erasure removes every record listed here.",
    "Restriction (Art. 18) and objection (Art. 21): use the unsubscribe link in any review email, or ask the shop.",
    "Withdraw consent at any time (Art. 7(3)), without affecting what was done before.",
    "Complain to a data-protection supervisory authority (Art. 77).",
  ],
} as const;

export interface CustomerExport {
  filename: string;
  contentType: string;
  body: string;
}

function toCsv(inventory: CustomerInventory): string {
  const header = ["store", "location", "record_id", "field", "value", "category", "purpose", "legal_basis", "retention", "deletion_date"];
  const lines = [formatCsvRow(header)];
  for (const store of inventory.stores) {
    const location = `${store.location.system} (${store.location.engine}, ${store.location.region})`;
    for (const record of store.records) {
      for (const [field, value] of Object.entries(record.data)) {
        const described = store.fields.find((candidate) => candidate.name === field);
        lines.push(
          formatCsvRow([
            store.store,
            location,
            record.id,
            field,
            value,
            described?.category ?? "",
            described?.purpose ?? "",
            described?.legalBasis.text ?? "",
            described?.retention.description ?? "",
            record.deletionDate ?? "",
          ]),
        );
      }
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * One customer's data as a file they can read and take elsewhere: JSON (the full inventory
 * with purposes, legal bases, locations, retention, recipients, source and rights) or CSV (one
 * line per stored value, with the same columns).
 */
export async function exportCustomerData(shopId: string, lookup: CustomerLookup, format: "json" | "csv"): Promise<CustomerExport & { inventory: CustomerInventory }> {
  const inventory = await buildCustomerInventory(shopId, lookup);
  const stamp = inventory.generatedAt.slice(0, 10);
  if (format === "csv") {
    return { inventory, filename: `customer-data-${stamp}.csv`, contentType: "text/csv; charset=utf-8", body: toCsv(inventory) };
  }
  return {
    inventory,
    filename: `customer-data-${stamp}.json`,
    contentType: "application/json; charset=utf-8",
    body: JSON.stringify({ about: ABOUT, ...inventory }, null, 2),
  };
}
