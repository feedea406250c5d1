import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

import type { StorefrontLanguage } from "~/modules/storefront/negotiate-language";

/*
 * Customer-facing pages (review form, unsubscribe) are small standalone documents: no admin
 * scripts, no external resources, readable and usable without JavaScript, high contrast.
 */
const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #f6f6f7; color: #1a1a1a; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 36rem; margin: 3rem auto; padding: 2rem 1.5rem; background: #fff; border: 1px solid #d2d2d6; border-radius: 8px; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; }
p { margin: 0 0 1.5rem; }
a { color: #1c4a8f; }
a:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1.5rem; color: #fff; background: #1c4a8f; border: 0; border-radius: 6px; cursor: pointer; }
button:hover { background: #153a70; }
button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 3px; }
label, legend { display: block; font-weight: 600; margin: 0 0 0.25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; }
.field { margin: 0 0 1.25rem; }
.hint { display: block; font-weight: 400; color: #4a4a4f; font-size: 0.9375rem; margin: 0 0 0.375rem; }
.error { color: #8e1f0b; font-weight: 600; margin: 0.25rem 0 0; }
input[type="text"], textarea { box-sizing: border-box; width: 100%; font: inherit; padding: 0.5rem 0.625rem; border: 1px solid #6d6d73; border-radius: 6px; background: #fff; color: #1a1a1a; }
textarea { min-height: 8rem; }
[aria-invalid="true"] { border-color: #8e1f0b; border-width: 2px; }
.stars { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
.stars label { display: inline-flex; align-items: center; gap: 0.375rem; font-weight: 400; min-height: 2.75rem; }
.stars input { width: 1.25rem; height: 1.25rem; }
.summary { border: 2px solid #8e1f0b; border-radius: 6px; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.summary h2 { margin-top: 0; }
.summary:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.product { display: flex; gap: 1rem; align-items: center; margin: 0 0 1.5rem; }
.product img { width: 4rem; height: 4rem; object-fit: cover; border-radius: 4px; }
`;

export function StorefrontDocument({ language, title, children }: { language: StorefrontLanguage; title: string; children: ReactNode }) {
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}

/** The HTTP answer for a storefront page: escaped markup, no caching, no indexing, no scripts. */
export function storefrontResponse(
  page: ReactNode,
  init: { status: number; language: StorefrontLanguage; headers?: Record<string, string> },
): Response {
  return new Response(`<!DOCTYPE html>${renderToStaticMarkup(page)}`, {
    status: init.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Language": init.language,
      Vary: "Accept-Language",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src https:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      ...init.headers,
    },
  });
}
