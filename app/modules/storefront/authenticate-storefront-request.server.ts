import { AppError } from "~/modules/errors/app-error";
import { authenticate } from "~/shopify.server";

/**
 * A storefront page reached through Shopify's app proxy: the request must carry Shopify's
 * signature over its query, made less than 90 seconds ago. Returns the shop it came from.
 * Anything else — unsigned, tampered, replayed later — is a 401 that writes nothing.
 */
export async function authenticateStorefrontRequest(request: Request): Promise<{ shop: string }> {
  try {
    await authenticate.appProxy(request);
  } catch {
    throw new AppError("unauthorized", "This page can only be opened from the shop's website.");
  }
  const shop = new URL(request.url).searchParams.get("shop") ?? "";
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) {
    throw new AppError("unauthorized", "This page can only be opened from the shop's website.");
  }
  return { shop };
}
