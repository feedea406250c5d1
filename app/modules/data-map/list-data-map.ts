import type { RetentionCategory, ShopSettings } from "~/modules/settings/shop-settings-schema";

import { FINISHED_PURGE_RUN_KEPT_DAYS, RELAYED_OUTBOX_KEPT_DAYS } from "./compute-deletion-date";
import {
  DATA_MAP_REGISTRY,
  highestPersonalData,
  LEGAL_BASES,
  type CustomerLink,
  type DataCategory,
  type DataMapEntry,
  type FixedRetentionRule,
  type LegalBasisId,
  type LegalBasisRef,
  type PersonalData,
  type Retention,
  type StorageSystem,
} from "./data-map-registry";
import { describeStorageLocation, type StorageLocation, type StorageLocationEnv } from "./describe-storage-location";
import type { Role } from "./roles";

export type DataMapSettings = Pick<ShopSettings, "retentionDays" | "consentMode" | "channel">;

export interface ResolvedRetention {
  /** "window": a retention window of the shop's settings; otherwise the fixed rule. */
  rule: "window" | FixedRetentionRule;
  category: RetentionCategory | null;
  /** The date field the window counts from (window only). */
  from: string | null;
  /** The shop's window in days, or the fixed rule's days; null when the rule has no length. */
  days: number | null;
  description: string;
}

export interface ResolvedLegalBasis {
  id: LegalBasisId;
  text: string;
}

export interface ResolvedDataMapField {
  name: string;
  category: DataCategory;
  personalData: PersonalData;
  purpose: string;
  legalBasis: ResolvedLegalBasis;
  retention: ResolvedRetention;
  visibleTo: Role[];
  /** False when the shop's channel does not use this field. */
  inUse: boolean;
}

export interface ResolvedDataMapEntry {
  kind: DataMapEntry["kind"];
  name: string;
  description: string;
  location: StorageLocation & { store: StorageSystem };
  customerLink: CustomerLink;
  customerLinkNote: string;
  /** The highest level among the fields. */
  personalData: PersonalData;
  /** False when the shop's channel does not use this store. */
  inUse: boolean;
  fields: ResolvedDataMapField[];
}

export interface DataMap {
  locations: Record<StorageSystem, StorageLocation>;
  entries: ResolvedDataMapEntry[];
}

/** Field names as words, for "… days after <from>". */
const FROM_WORDS: Record<string, string> = {
  createdAt: "it was created",
  receivedAt: "it was received",
  startedAt: "the attempt",
  submittedAt: "the review was submitted",
  completedAt: "the request was completed",
  recordedAt: "it was recorded",
  updatedAt: "its last change (sent, reminded, cancelled or failed)",
};

const RULE_DESCRIPTIONS: Record<FixedRetentionRule, string> = {
  "until-uninstall": "Deleted when the app is uninstalled.",
  "until-uninstall+48h": "Kept while the app is installed; deleted when Shopify sends shop/redact, 48 hours after an uninstall.",
  "relayed+7d": `Deleted ${RELAYED_OUTBOX_KEPT_DAYS} days after it was handed to the queue.`,
  "finished+90d": `Deleted ${FINISHED_PURGE_RUN_KEPT_DAYS} days after the run finished.`,
  "with-review-request": "Deleted with its review request.",
  "while-job-pending":
    "On the queue only until the job has run; a finished job is then removed (within an hour when it succeeded, 7 days when it failed).",
  "processor-terms": "Not kept by Candor; the service keeps it under its own terms and data processing agreement.",
  "not-stored": "Read just in time and never stored.",
};

const SYSTEMS: readonly StorageSystem[] = ["database", "redis", "smtp", "shopify"];

function resolveRetention(retention: Retention, retentionDays: ShopSettings["retentionDays"]): ResolvedRetention {
  if ("category" in retention) {
    const days = retentionDays[retention.category];
    const from = FROM_WORDS[retention.from] ?? retention.from;
    return {
      rule: "window",
      category: retention.category,
      from: retention.from,
      days,
      description: `Deleted ${days} days after ${from}${retention.keptWhile?.length ? ", never while it is still to be sent" : ""}.`,
    };
  }
  return {
    rule: retention.rule,
    category: null,
    from: null,
    days: retention.rule === "relayed+7d" ? RELAYED_OUTBOX_KEPT_DAYS : retention.rule === "finished+90d" ? FINISHED_PURGE_RUN_KEPT_DAYS : null,
    description: RULE_DESCRIPTIONS[retention.rule],
  };
}

function resolveLegalBasis(basis: LegalBasisRef, consentMode: ShopSettings["consentMode"]): ResolvedLegalBasis {
  const id = typeof basis === "string" ? basis : basis.byConsentMode[consentMode];
  return { id, text: LEGAL_BASES[id] };
}

const inUse = (activeWhen: DataMapEntry["activeWhen"], channel: ShopSettings["channel"]) =>
  !activeWhen || activeWhen.channel === channel;

/**
 * The data map resolved for one shop: each store's location, the shop's retention windows in
 * days, the legal basis its consent mode gives, and which stores its channel uses. Plain JSON.
 */
export function listDataMap(settings: DataMapSettings, env: StorageLocationEnv): DataMap {
  const locations = Object.fromEntries(SYSTEMS.map((system) => [system, describeStorageLocation(system, env)])) as Record<
    StorageSystem,
    StorageLocation
  >;
  const entries = DATA_MAP_REGISTRY.map((entry): ResolvedDataMapEntry => {
    const entryInUse = inUse(entry.activeWhen, settings.channel);
    const fields = Object.entries(entry.fields).map(
      ([name, field]): ResolvedDataMapField => ({
        name,
        category: field.category,
        personalData: field.personalData,
        purpose: field.purpose,
        legalBasis: resolveLegalBasis(field.legalBasis ?? entry.legalBasis, settings.consentMode),
        retention: resolveRetention(field.retention ?? entry.retention, settings.retentionDays),
        visibleTo: [...(field.visibleTo ?? entry.visibleTo)],
        inUse: entryInUse && inUse(field.activeWhen, settings.channel),
      }),
    );
    return {
      kind: entry.kind,
      name: entry.name,
      description: entry.description,
      location: { store: entry.system, ...locations[entry.system] },
      customerLink: entry.customerLink,
      customerLinkNote: entry.customerLinkNote,
      personalData: highestPersonalData(fields.map((field) => field.personalData)),
      inUse: entryInUse,
      fields,
    };
  });
  return { locations, entries };
}
