import type { ReviewProduct } from "~/modules/reviews/fetch-review-products.server";
import { REVIEW_FORM_STRINGS, type ReviewFormStrings } from "~/modules/reviews/review-form-strings";
import { REVIEW_LIMITS, type ReviewFieldError } from "~/modules/reviews/review-submission-schema";
import type { StorefrontLanguage } from "~/modules/storefront/negotiate-language";

import { StorefrontDocument } from "./storefront-document";

/** Where a link back into the form goes: relative to the page, so it stays on the shop's domain. */
const formLink = (token: string, language: StorefrontLanguage, product?: number) =>
  `?${new URLSearchParams({ token, lang: language, ...(product ? { product: String(product) } : {}) })}`;

const productLabel = (strings: ReviewFormStrings, product: ReviewProduct | undefined) => product?.title ?? strings.genericProduct;

export interface ReviewFormValues {
  rating?: string;
  title?: string;
  body?: string;
  displayName?: string;
}

/** The control each error summary link moves to: for the star group, its first option. */
const FIELD_OF_ERROR: Record<ReviewFieldError, string> = {
  rating: "rating-5",
  body_short: "body",
  body_long: "body",
  display_name: "displayName",
  title_long: "title",
};

export function ReviewFormPage(props: {
  language: StorefrontLanguage;
  token: string;
  productIndex: number;
  product: ReviewProduct;
  values?: ReviewFormValues;
  errors?: ReviewFieldError[];
}) {
  const strings = REVIEW_FORM_STRINGS[props.language];
  const values = props.values ?? {};
  const errors = props.errors ?? [];
  const has = (...codes: ReviewFieldError[]) => codes.find((code) => errors.includes(code));
  const heading = strings.title(productLabel(strings, props.product));
  const bodyError = has("body_short", "body_long");
  return (
    <StorefrontDocument language={props.language} title={errors.length > 0 ? strings.errorTitle(heading) : heading}>
      {errors.length > 0 ? (
        // Without JavaScript, the page that comes back says so in its title and takes focus
        // to the summary (autofocus), so a screen reader reads the problems first.
        <div className="summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
          <h2 id="error-summary-title">{strings.errorSummary}</h2>
          <ul>
            {errors.map((code) => (
              <li key={code}>
                <a href={`#${FIELD_OF_ERROR[code]}`}>{strings.errors[code]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h1>{heading}</h1>
      {props.product.imageUrl ? (
        <div className="product">
          <img src={props.product.imageUrl} alt={props.product.imageAlt ?? ""} width={64} height={64} />
        </div>
      ) : null}
      <form method="post" noValidate>
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="product" value={props.productIndex} />
        <input type="hidden" name="lang" value={props.language} />
        <fieldset aria-describedby={has("rating") ? "rating-error" : undefined}>
          <legend>{strings.ratingLegend}</legend>
          <div className="stars">
            {[5, 4, 3, 2, 1].map((count) => (
              <label key={count} htmlFor={`rating-${count}`}>
                <input type="radio" id={`rating-${count}`} name="rating" value={count} required defaultChecked={values.rating === String(count)} />
                {strings.star(count)}
              </label>
            ))}
          </div>
          {has("rating") ? <p id="rating-error" className="error">{strings.errors.rating}</p> : null}
        </fieldset>
        <div className="field">
          <label htmlFor="title">{strings.reviewTitle}</label>
          <span id="title-hint" className="hint">{strings.reviewTitleHint}</span>
          <input
            type="text"
            id="title"
            name="title"
            maxLength={REVIEW_LIMITS.titleMax}
            defaultValue={values.title ?? ""}
            aria-describedby={has("title_long") ? "title-hint title-error" : "title-hint"}
            aria-invalid={has("title_long") ? true : undefined}
          />
          {has("title_long") ? <p id="title-error" className="error">{strings.errors.title_long}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="body">{strings.body}</label>
          <span id="body-hint" className="hint">{strings.bodyHint}</span>
          <textarea
            id="body"
            name="body"
            required
            minLength={REVIEW_LIMITS.bodyMin}
            maxLength={REVIEW_LIMITS.bodyMax}
            defaultValue={values.body ?? ""}
            aria-describedby={bodyError ? "body-hint body-error" : "body-hint"}
            aria-invalid={bodyError ? true : undefined}
          />
          {bodyError ? <p id="body-error" className="error">{strings.errors[bodyError]}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="displayName">{strings.displayName}</label>
          <span id="displayName-hint" className="hint">{strings.displayNameHint}</span>
          <input
            type="text"
            id="displayName"
            name="displayName"
            required
            maxLength={REVIEW_LIMITS.displayNameMax}
            autoComplete="given-name"
            defaultValue={values.displayName ?? ""}
            aria-describedby={has("display_name") ? "displayName-hint public-note displayName-error" : "displayName-hint public-note"}
            aria-invalid={has("display_name") ? true : undefined}
          />
          {has("display_name") ? <p id="displayName-error" className="error">{strings.errors.display_name}</p> : null}
        </div>
        <p id="public-note">{strings.publicNote}</p>
        <button type="submit">{strings.submit}</button>
      </form>
    </StorefrontDocument>
  );
}

export function ChooseProductPage(props: { language: StorefrontLanguage; token: string; products: Array<{ index: number; product: ReviewProduct }> }) {
  const strings = REVIEW_FORM_STRINGS[props.language];
  return (
    <StorefrontDocument language={props.language} title={strings.chooseTitle}>
      <h1>{strings.chooseTitle}</h1>
      <p>{strings.chooseIntro}</p>
      <ul>
        {props.products.map(({ index, product }) => (
          <li key={index}>
            <a href={formLink(props.token, props.language, index)}>{productLabel(strings, product)}</a>
          </li>
        ))}
      </ul>
    </StorefrontDocument>
  );
}

export function ThanksPage(props: { language: StorefrontLanguage; token: string; published: boolean; nextProductIndex: number | null }) {
  const strings = REVIEW_FORM_STRINGS[props.language];
  return (
    <StorefrontDocument language={props.language} title={strings.thanksTitle}>
      <h1>{strings.thanksTitle}</h1>
      <p>{props.published ? strings.thanksPublished : strings.thanksPending}</p>
      {props.nextProductIndex ? <a href={formLink(props.token, props.language, props.nextProductIndex)}>{strings.nextProduct}</a> : null}
    </StorefrontDocument>
  );
}

export type ReviewMessageKind = keyof ReviewFormStrings["pages"];

export function ReviewMessagePage(props: { language: StorefrontLanguage; kind: ReviewMessageKind }) {
  const page = REVIEW_FORM_STRINGS[props.language].pages[props.kind];
  return (
    <StorefrontDocument language={props.language} title={page.title}>
      <h1>{page.title}</h1>
      <p>{page.body}</p>
    </StorefrontDocument>
  );
}
