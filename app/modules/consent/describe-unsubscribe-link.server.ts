import { getDb } from "~/db.server";
import { AppError } from "~/modules/errors/app-error";
import { verifyLinkToken } from "~/modules/review-links/verify-link-token.server";

import { isCustomerSuppressed } from "./is-customer-suppressed.server";

/**
 * What the unsubscribe page shows before the customer confirms: read only, because link
 * scanners follow every GET. Fails like `unsubscribeByLink` (400 forged, 410 expired, 404 gone).
 */
export async function describeUnsubscribeLink(token: string): Promise<{ shop: string; alreadyUnsubscribed: boolean }> {
  const { shop, reviewRequestId } = await verifyLinkToken(token, "unsubscribe");
  const request = await getDb().reviewRequest.findFirst({
    where: { id: reviewRequestId, shopId: shop },
    select: { customerRef: true, emailRef: true },
  });
  const refs = { customerRef: request?.customerRef ?? null, emailRef: request?.emailRef ?? null };
  if (!refs.customerRef && !refs.emailRef) {
    throw new AppError("not_found", "There is nothing left to unsubscribe from: the shop no longer holds this request.");
  }
  return { shop, alreadyUnsubscribed: await isCustomerSuppressed(shop, refs) };
}
