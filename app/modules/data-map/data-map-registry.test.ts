import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { JOB_DEFINITIONS } from "~/jobs/definitions";
import { RETENTION_WINDOWS, type RetentionCategory } from "~/modules/settings/shop-settings-schema";

import {
  DATA_MAP_EXTERNAL,
  DATA_MAP_JOB_PAYLOADS,
  DATA_MAP_MODELS,
  DATA_MAP_REGISTRY,
  RETENTION_CATEGORIES_WITHOUT_STORE,
  type DataMapEntry,
  type Retention,
} from "./data-map-registry";
import { ROLES } from "./roles";

/** Model name → field name → Prisma type, from the text of a Prisma schema. */
function parsePrismaModels(text: string): Map<string, Map<string, string>> {
  const models = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const opening = /^model\s+(\w+)\s*\{/.exec(line);
    if (opening) {
      current = new Map();
      models.set(opening[1]!, current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith("}")) {
      current = null;
      continue;
    }
    if (line === "" || line.startsWith("//") || line.startsWith("@@")) continue;
    const field = /^(\w+)\s+(\w+)/.exec(line);
    if (field) current.set(field[1]!, field[2]!);
  }
  // A relation field (typed by another model) is Prisma's navigation, not a stored column.
  for (const fields of models.values()) for (const [name, type] of fields) if (models.has(type)) fields.delete(name);
  return models;
}

/** Models and fields of the schema the registry lacks, and those it names that are gone. */
function findDrift(models: Map<string, Map<string, string>>, entries: readonly DataMapEntry[]) {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const missing: string[] = [];
  for (const [model, fields] of models) {
    const entry = byName.get(model);
    if (!entry) missing.push(`model ${model}`);
    else for (const field of fields.keys()) if (!(field in entry.fields)) missing.push(`${model}.${field}`);
  }
  const stale: string[] = [];
  for (const entry of entries) {
    const fields = models.get(entry.name);
    if (!fields) stale.push(`model ${entry.name}`);
    else for (const field of Object.keys(entry.fields)) if (!fields.has(field)) stale.push(`${entry.name}.${field}`);
  }
  return { missing, stale };
}

const prismaModels = parsePrismaModels(readFileSync(new URL("../../../prisma/models.prisma", import.meta.url), "utf8"));

/** Every (entry, field name, effective retention) in the registry. */
function* effectiveRetentions(entries: readonly DataMapEntry[]): Generator<[DataMapEntry, string, Retention]> {
  for (const entry of entries) {
    for (const [name, field] of Object.entries(entry.fields)) yield [entry, name, field.retention ?? entry.retention];
  }
}

describe("data map registry", () => {
  it("reads the models file (a parser that finds nothing would prove nothing)", () => {
    expect(prismaModels.size).toBeGreaterThanOrEqual(10);
    expect(prismaModels.get("ReviewRequest")?.get("customerRef")).toBe("String");
    expect(prismaModels.get("Session")?.has("@@index")).toBe(false);
  });

  it("describes every model and every field of prisma/models.prisma", () => {
    const { missing } = findDrift(prismaModels, DATA_MAP_MODELS);
    expect(missing, `missing from app/modules/data-map/data-map-registry.ts: ${missing.join(", ")}`).toEqual([]);
  });

  it("names no model or field that no longer exists", () => {
    const { stale } = findDrift(prismaModels, DATA_MAP_MODELS);
    expect(stale, `in the registry but not in prisma/models.prisma: ${stale.join(", ")}`).toEqual([]);
  });

  it("would name a new field, a new model and a removed field", () => {
    const schema = [
      "/// A shop.",
      "model Shop {",
      "  id String @id",
      "  // a comment",
      "  installedAt DateTime @default(now())",
      "  uninstalledAt DateTime?",
      "  updatedAt DateTime @updatedAt",
      "  /// New.",
      "  loyaltyTier String?",
      "",
      "  @@index([installedAt])",
      "}",
      "model Coupon {",
      "  id String @id",
      "}",
    ].join("\n");
    const shopOnly = DATA_MAP_MODELS.filter((entry) => entry.name === "Shop");
    expect(findDrift(parsePrismaModels(schema), shopOnly)).toEqual({
      missing: ["Shop.loyaltyTier", "model Coupon"],
      stale: ["Shop.planName"],
    });
  });

  it("stores every model in the database", () => {
    for (const entry of DATA_MAP_MODELS) {
      expect(entry.kind, entry.name).toBe("model");
      expect(entry.system, entry.name).toBe("database");
    }
  });

  it("counts every retention window from a date field of the same model", () => {
    const wrong: string[] = [];
    for (const [entry, field, retention] of effectiveRetentions(DATA_MAP_MODELS)) {
      if (!("category" in retention)) continue;
      const type = prismaModels.get(entry.name)?.get(retention.from);
      if (type !== "DateTime") wrong.push(`${entry.name}.${field} counts from ${retention.from} (${type ?? "no such field"})`);
    }
    for (const [entry, field, retention] of effectiveRetentions([...DATA_MAP_JOB_PAYLOADS, ...DATA_MAP_EXTERNAL])) {
      if ("category" in retention) wrong.push(`${entry.name}.${field}: a window needs a stored date field`);
    }
    expect(wrong).toEqual([]);
  });

  it("has one payload entry per job definition, with exactly the schema's keys", () => {
    const jobEntries = new Map(DATA_MAP_JOB_PAYLOADS.map((entry) => [entry.name, entry]));
    for (const definition of JOB_DEFINITIONS) {
      const entry = jobEntries.get(definition.name);
      expect(entry, `job ${definition.name} has no payload entry`).toBeDefined();
      const shape = (definition.payload as z.ZodObject).shape;
      expect(Object.keys(entry!.fields).sort(), `payload fields of job ${definition.name}`).toEqual(Object.keys(shape).sort());
      expect(entry!.system).toBe("redis");
      expect(entry!.retention).toEqual({ rule: "while-job-pending" });
    }
    const definitionNames = new Set(JOB_DEFINITIONS.map((definition) => definition.name));
    const stale = DATA_MAP_JOB_PAYLOADS.map((entry) => entry.name).filter((name) => !definitionNames.has(name));
    expect(stale, `payload entries without a job definition: ${stale.join(", ")}`).toEqual([]);
  });

  it("uses every retention category, except those that have no store yet", () => {
    const used = new Set<RetentionCategory>();
    for (const [, , retention] of effectiveRetentions(DATA_MAP_REGISTRY)) if ("category" in retention) used.add(retention.category);
    const categories = Object.keys(RETENTION_WINDOWS) as RetentionCategory[];
    const withoutStore = Object.keys(RETENTION_CATEGORIES_WITHOUT_STORE);
    expect(categories.filter((category) => !used.has(category) && !withoutStore.includes(category)), "unused retention categories").toEqual([]);
    expect(withoutStore.filter((category) => used.has(category as RetentionCategory)), "now used: remove from RETENTION_CATEGORIES_WITHOUT_STORE").toEqual([]);
  });

  it("never shows marketing anything about a person", () => {
    const exposed: string[] = [];
    for (const entry of DATA_MAP_REGISTRY) {
      for (const [name, field] of Object.entries(entry.fields)) {
        const visibleTo = field.visibleTo ?? entry.visibleTo;
        if (field.personalData !== "none" && visibleTo.includes("marketing")) exposed.push(`${entry.name}.${name}`);
      }
    }
    expect(exposed, `personal or pseudonymous data visible to marketing: ${exposed.join(", ")}`).toEqual([]);
  });

  it("hides the customer keys from marketing and viewers, and credentials from everyone", () => {
    for (const entry of DATA_MAP_REGISTRY) {
      for (const [name, field] of Object.entries(entry.fields)) {
        const visibleTo = field.visibleTo ?? entry.visibleTo;
        for (const role of visibleTo) expect(ROLES, `${entry.name}.${name}`).toContain(role);
        if (field.category === "pseudonymous-customer-key") expect(visibleTo, `${entry.name}.${name}`).toEqual(["owner", "admin", "support"]);
        if (field.category === "credential") expect(visibleTo, `${entry.name}.${name}`).toEqual([]);
      }
    }
  });

  it("gives every entry a unique name, and every purpose in words", () => {
    const names = DATA_MAP_REGISTRY.map((entry) => `${entry.kind}:${entry.name}`);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of DATA_MAP_REGISTRY) {
      expect(entry.description.length, entry.name).toBeGreaterThan(20);
      for (const [name, field] of Object.entries(entry.fields)) expect(field.purpose.length, `${entry.name}.${name}`).toBeGreaterThan(5);
    }
  });

  it("describes the stores and services that are not models: SMTP, Shopify Flow and Shopify as the source of the address", () => {
    const smtp = DATA_MAP_EXTERNAL.find((entry) => entry.system === "smtp");
    expect(Object.keys(smtp?.fields ?? {})).toEqual(expect.arrayContaining(["recipientAddress", "renderedEmail"]));
    expect(smtp?.activeWhen).toEqual({ channel: "email" });
    const flow = DATA_MAP_EXTERNAL.find((entry) => entry.name === "shopify-flow");
    expect(Object.keys(flow?.fields ?? {}).sort()).toEqual(["orderId", "productIds", "reviewLink"]);
    const source = DATA_MAP_EXTERNAL.find((entry) => entry.kind === "source");
    expect(source?.fields.emailAddress?.personalData).toBe("personal");
    expect(source?.retention).toEqual({ rule: "not-stored" });
  });

  it("stores no email address: the only address fields are Session's never-filled staff field and data in transit", () => {
    const stored = DATA_MAP_MODELS.flatMap((entry) =>
      Object.entries(entry.fields)
        .filter(([, field]) => field.category === "contact-address" || (field.personalData === "personal" && (field.legalBasis ?? entry.legalBasis) !== "not-processed"))
        .map(([name]) => `${entry.name}.${name}`),
    );
    // The personal data Candor does store: what reviewers wrote and the name they chose (encrypted).
    expect(stored.sort()).toEqual(["Review.body", "Review.displayName", "Review.title"]);
  });
});
