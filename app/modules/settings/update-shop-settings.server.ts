import { getDb } from "~/db.server";
import { auditActorFromRequester } from "~/modules/audit-log/audit-actor-from-requester";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";
import { AppError } from "~/modules/errors/app-error";

import { getShopSettings } from "./get-shop-settings.server";
import { shopSettingsCache } from "./shop-settings-cache.server";
import { shopSettingsPatchSchema, shopSettingsSchema, type ShopSettings } from "./shop-settings-schema";

/**
 * Applies a partial update. Unknown keys and out-of-range values are refused with a 422 that
 * names each field, and then nothing is changed. A change is recorded in the audit log with
 * the names of the settings that changed (not their values: email copy is the merchant's text).
 */
export async function updateShopSettings(
  shopId: string,
  patch: unknown,
  changedBy: { requestedBy: string; requestId?: string | null },
): Promise<ShopSettings> {
  const parsed = shopSettingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field =
        issue.code === "unrecognized_keys"
          ? [...issue.path, ...issue.keys].join(".")
          : issue.path.join(".") || "(settings)";
      return { field, message: issue.code === "unrecognized_keys" ? "is not a setting" : issue.message };
    });
    throw new AppError(
      "unprocessable",
      problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "),
      { fields: problems.map((problem) => problem.field) },
    );
  }

  const current = await getShopSettings(shopId);
  const next = shopSettingsSchema.parse({
    ...current,
    ...parsed.data,
    retentionDays: { ...current.retentionDays, ...parsed.data.retentionDays },
    emailCopy: {
      en: { ...current.emailCopy.en, ...parsed.data.emailCopy?.en },
      fr: { ...current.emailCopy.fr, ...parsed.data.emailCopy?.fr },
      de: { ...current.emailCopy.de, ...parsed.data.emailCopy?.de },
    },
  });
  const values = JSON.stringify(next);
  const changed = changedSettingNames(current, next);
  await getDb().$transaction(async (tx) => {
    await tx.shopSettings.upsert({ where: { shopId }, create: { shopId, values }, update: { values } });
    if (changed.length === 0) return;
    await recordAuditEntry(
      shopId,
      { actor: auditActorFromRequester(changedBy.requestedBy), action: "settings.changed", target: { type: "settings", ref: "shop" }, requestId: changedBy.requestId, details: { settings: changed } },
      tx,
    );
  });
  shopSettingsCache.delete(shopId);
  return next;
}

/** Dotted names of the settings whose value differs, one level into nested groups (`retentionDays.sendLog`). */
function changedSettingNames(before: ShopSettings, after: ShopSettings): string[] {
  const names: string[] = [];
  for (const key of Object.keys(after) as Array<keyof ShopSettings>) {
    const [was, now] = [before[key], after[key]];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    if (now && typeof now === "object" && !Array.isArray(now) && was && typeof was === "object") {
      for (const inner of Object.keys(now)) {
        if (JSON.stringify((was as Record<string, unknown>)[inner]) !== JSON.stringify((now as Record<string, unknown>)[inner])) names.push(`${key}.${inner}`);
      }
    } else {
      names.push(key);
    }
  }
  return names;
}
