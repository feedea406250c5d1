import { getEnv } from "~/modules/config/get-env.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import { listDataMap, type DataMap } from "./list-data-map";

/** The data map with this shop's retention windows, channel and consent mode applied. */
export async function getShopDataMap(shopId: string): Promise<DataMap> {
  return listDataMap(await getShopSettings(shopId), getEnv());
}
