import { getDb } from "~/db.server";
import { AppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";
import { verifyLinkToken } from "~/modules/review-links/verify-link-token.server";

import { isCustomerSuppressed } from "./is-customer-suppressed.server";
import { suppressCustomer } from "./suppress-customer.server";

/**
 * The one-click unsubscribe (RFC 8058 POST): the signed token names the shop and the review
 * request, the request's blind indexes name the customer, and the customer is suppressed for
 * that shop. Safe to repeat. A forged or tampered token is a 400, an expired one a 410, and a
 * request that no longer exists (erased, or not this shop's) a 404; none of them writes.
 */
export async function unsubscribeByLink(token: string): Promise<{ shop: string; alreadyUnsubscribed: boolean }> {
  const { shop, reviewRequestId } = await verifyLinkToken(token, "unsubscribe");
  const request = await getDb().reviewRequest.findFirst({
    where: { id: reviewRequestId, shopId: shop },
    select: { customerRef: true, emailRef: true },
  });
  const refs = { customerRef: request?.customerRef ?? null, emailRef: request?.emailRef ?? null };
  // Without either blind index there is no customer left to suppress (the data was erased).
  if (!refs.customerRef && !refs.emailRef) {
    throw new AppError("not_found", "There is nothing left to unsubscribe from: the shop no longer holds this request.");
  }
  const alreadyUnsubscribed = await isCustomerSuppressed(shop, refs);
  const { cancelledRequests, cancelledReminders } = await suppressCustomer(shop, refs, "unsubscribe_link");
  getLogger().info({ shop, alreadyUnsubscribed, cancelledRequests, cancelledReminders }, "customer unsubscribed by link");
  return { shop, alreadyUnsubscribed };
}
