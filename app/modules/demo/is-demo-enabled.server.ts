import { getEnv } from "~/modules/config/get-env.server";

/**
 * The demo shortcut (admin opened outside Shopify's iframe with a locally minted session
 * token). The environment schema already refuses CANDOR_DEMO in production; this checks
 * both again so no code path can reach the shortcut there.
 */
export function isDemoEnabled(): boolean {
  const env = getEnv();
  return env.CANDOR_DEMO && env.NODE_ENV !== "production" && process.env.NODE_ENV !== "production";
}
