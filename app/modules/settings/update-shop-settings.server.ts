import { getDb } from "~/db.server";
import { AppError } from "~/modules/errors/app-error";

import { getShopSettings } from "./get-shop-settings.server";
import { shopSettingsCache } from "./shop-settings-cache.server";
import { shopSettingsPatchSchema, shopSettingsSchema, type ShopSettings } from "./shop-settings-schema";

/**
 * Applies a partial update. Unknown keys and out-of-range values are refused with a 422 that
 * names each field, and then nothing is changed.
 */
export async function updateShopSettings(shopId: string, patch: unknown): Promise<ShopSettings> {
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
  await getDb().shopSettings.upsert({
    where: { shopId },
    create: { shopId, values },
    update: { values },
  });
  shopSettingsCache.delete(shopId);
  return next;
}
