import { AppError } from "~/modules/errors/app-error";

import { fetchReviewProducts, type ReviewProduct } from "./fetch-review-products.server";
import { resolveReviewLink } from "./resolve-review-link.server";

export type ReviewFormView =
  | { kind: "form"; productIndex: number; product: ReviewProduct }
  | { kind: "choose"; products: Array<{ index: number; product: ReviewProduct }> };

/**
 * What the review link shows: the form for the product it names, or — for an order of several
 * products and no product chosen — the list of those still to review. Writes nothing.
 */
export async function openReviewForm(shop: string, token: string, productIndex: number | null): Promise<ReviewFormView> {
  const link = await resolveReviewLink(shop, token);
  const open = link.productIds
    .map((productId, index) => ({ productId, index: index + 1 }))
    .filter(({ productId }) => !link.reviewedProductIds.has(productId));

  if (productIndex !== null || link.productIds.length === 1) {
    const index = productIndex ?? 1;
    const productId = link.productIds[index - 1];
    if (!productId) throw new AppError("bad_request", "This product is not part of the order.");
    if (link.reviewedProductIds.has(productId)) throw new AppError("conflict", "This product has already been reviewed.");
    const [product] = await fetchReviewProducts(shop, [productId]);
    return { kind: "form", productIndex: index, product: product! };
  }
  if (open.length === 0) throw new AppError("conflict", "Every product of this order has been reviewed.");
  const products = await fetchReviewProducts(shop, open.map(({ productId }) => productId));
  return { kind: "choose", products: open.map(({ index }, position) => ({ index, product: products[position]! })) };
}
