import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import {
  ChooseProductPage,
  ReviewFormPage,
  ReviewMessagePage,
  ThanksPage,
  type ReviewMessageKind,
} from "~/components/storefront/review-form-pages";
import { storefrontResponse } from "~/components/storefront/storefront-document";
import { declareRoutePermissions, shopifySignedRoute } from "~/modules/access-control/route-permissions";
import { isAppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";
import { openReviewForm } from "~/modules/reviews/open-review-form.server";
import type { ReviewFieldError } from "~/modules/reviews/review-submission-schema";
import { submitReview } from "~/modules/reviews/submit-review.server";
import { authenticateStorefrontRequest } from "~/modules/storefront/authenticate-storefront-request.server";
import { negotiateLanguage, type StorefrontLanguage } from "~/modules/storefront/negotiate-language";

/*
 * The review form on the shop's own domain (https://{shop}/apps/candor/review), reached through
 * Shopify's app proxy. Every request must carry Shopify's fresh signature; the signed token in
 * the link names the shop and the review request. A resource route rendering its own small
 * document: it works without JavaScript, and Remix's same-origin check for document POSTs
 * would refuse the storefront's form (its Origin is the shop's domain).
 */

const STOREFRONT = shopifySignedRoute("The customer's review form: Shopify's app-proxy signature and the signed review link are the check.");
export const permissions = declareRoutePermissions({ loader: STOREFRONT, action: STOREFRONT });

const linkSchema = z.object({
  token: z.string().min(1).max(4096),
  product: z.coerce.number().int().min(1).max(10).optional().catch(undefined),
  lang: z.string().max(10).optional(),
});

const MESSAGE_OF_ERROR: Partial<Record<string, [ReviewMessageKind, number]>> = {
  unauthorized: ["unsigned", 401],
  bad_request: ["invalid", 400],
  gone: ["expired", 410],
  not_found: ["notFound", 404],
  conflict: ["used", 409],
};

function message(language: StorefrontLanguage, kind: ReviewMessageKind, status: number) {
  return storefrontResponse(<ReviewMessagePage language={language} kind={kind} />, { status, language });
}

function failure(language: StorefrontLanguage, error: unknown, requestId: unknown) {
  const known = isAppError(error) ? MESSAGE_OF_ERROR[error.code] : undefined;
  if (known) return message(language, known[0], known[1]);
  getLogger().error({ err: error, requestId }, "review form failed");
  return message(language, "unavailable", 503);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const language = negotiateLanguage(request.headers.get("Accept-Language"), query.get("lang"));
  try {
    const { shop } = await authenticateStorefrontRequest(request);
    const link = linkSchema.safeParse(Object.fromEntries(query));
    if (!link.success) return message(language, "invalid", 400);
    const view = await openReviewForm(shop, link.data.token, link.data.product ?? null);
    const page =
      view.kind === "form" ? (
        <ReviewFormPage language={language} token={link.data.token} productIndex={view.productIndex} product={view.product} />
      ) : (
        <ChooseProductPage language={language} token={link.data.token} products={view.products} />
      );
    return storefrontResponse(page, { status: 200, language });
  } catch (error) {
    return failure(language, error, context.requestId);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const query = new URL(request.url).searchParams;
  let language = negotiateLanguage(request.headers.get("Accept-Language"), query.get("lang"));
  if (request.method !== "POST") return message(language, "invalid", 405);
  try {
    const { shop } = await authenticateStorefrontRequest(request);
    const form = Object.fromEntries(await request.formData());
    language = negotiateLanguage(request.headers.get("Accept-Language"), String(form.lang ?? query.get("lang") ?? ""));
    const link = linkSchema.safeParse({ token: form.token ?? query.get("token"), product: form.product ?? query.get("product") ?? 1 });
    if (!link.success) return message(language, "invalid", 400);
    const productIndex = link.data.product ?? 1;
    try {
      const submitted = await submitReview(shop, { token: link.data.token, productIndex, fields: form, locale: language });
      return storefrontResponse(
        <ThanksPage
          language={language}
          token={link.data.token}
          published={submitted.status === "published"}
          nextProductIndex={submitted.remainingProductIndexes[0] ?? null}
        />,
        { status: 200, language },
      );
    } catch (error) {
      if (!isAppError(error) || error.code !== "unprocessable") throw error;
      const view = await openReviewForm(shop, link.data.token, productIndex);
      if (view.kind !== "form") throw error;
      const values = { rating: String(form.rating ?? ""), title: String(form.title ?? ""), body: String(form.body ?? ""), displayName: String(form.displayName ?? "") };
      return storefrontResponse(
        <ReviewFormPage
          language={language}
          token={link.data.token}
          productIndex={productIndex}
          product={view.product}
          values={values}
          errors={(error.details?.fields as ReviewFieldError[] | undefined) ?? []}
        />,
        { status: 422, language },
      );
    }
  } catch (error) {
    return failure(language, error, context.requestId);
  }
}
