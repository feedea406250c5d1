import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { describeUnsubscribeLink } from "~/modules/consent/describe-unsubscribe-link.server";
import { unsubscribeByLink } from "~/modules/consent/unsubscribe-by-link.server";
import { declareRoutePermissions, publicRoute } from "~/modules/access-control/route-permissions";
import { isAppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";
import { negotiateLanguage, type StorefrontLanguage } from "~/modules/storefront/negotiate-language";
import { StorefrontDocument, storefrontResponse } from "~/components/storefront/storefront-document";

/*
 * The unsubscribe link of every review email, opened by customers outside the admin, with no
 * session or cookie: the signed token in the path is the proof.
 *
 * - GET shows a confirmation page and never writes (mail security scanners follow links).
 * - POST unsubscribes (RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click`;
 *   the page's own form posts the same field). The token and the method carry the intent, so
 *   the body is not needed and any form encoding is accepted. Repeating it is harmless.
 *
 * This is a resource route (no default export) that renders its own small document: the root
 * document is the admin's (English, Shopify CDN preconnect, app scripts), and Remix refuses
 * document POSTs whose Origin differs from the host, which a one-click POST must not depend on.
 */

const SIGNED_LINK = publicRoute("A customer's one-click unsubscribe: the signed token in the link is the check.");
export const permissions = declareRoutePermissions({ loader: SIGNED_LINK, action: SIGNED_LINK });

const tokenSchema = z.string().max(4096).regex(/^[\w-]+\.[\w-]+\.[\w-]+$/);

type Language = StorefrontLanguage;

type PageKind = "confirm" | "already" | "done" | "invalid" | "expired" | "notFound" | "notAllowed" | "unavailable";

interface PageCopy {
  title: string;
  body: (shop: string | null) => string;
}

interface Copy {
  pages: Record<PageKind, PageCopy>;
  button: string;
}

// French uses a no-break space before ; : ? ! as French typography asks.
const COPY: Record<Language, Copy> = {
  en: {
    button: "Unsubscribe",
    pages: {
      confirm: {
        title: "Unsubscribe from review requests?",
        body: (shop) => `You will no longer receive emails${shop ? ` from ${shop}` : ""} asking you to review your purchases.`,
      },
      already: {
        title: "You are already unsubscribed",
        body: (shop) => `You will not receive any more review requests${shop ? ` from ${shop}` : ""}.`,
      },
      done: {
        title: "You are unsubscribed",
        body: (shop) => `You will not receive any more review requests${shop ? ` from ${shop}` : ""}.`,
      },
      invalid: {
        title: "This link is not valid",
        body: () => "Please use the unsubscribe link from the email you received, exactly as it appears there.",
      },
      expired: {
        title: "This link has expired",
        body: () => "Please use the unsubscribe link from a more recent email, or contact the shop.",
      },
      notFound: {
        title: "Nothing to unsubscribe from",
        body: () =>
          "We could not find the email this link belongs to; its data may have been deleted. If you receive another review request, please use the link in that email.",
      },
      notAllowed: {
        title: "This page cannot do that",
        body: () => "Please use the button on the unsubscribe page.",
      },
      unavailable: {
        title: "Something went wrong",
        body: () => "Nothing was changed. Please try again in a few minutes.",
      },
    },
  },
  fr: {
    button: "Se désabonner",
    pages: {
      confirm: {
        title: "Se désabonner des demandes d’avis\u00a0?",
        body: (shop) => `Vous ne recevrez plus d’e-mails${shop ? ` de ${shop}` : ""} vous demandant de donner votre avis sur vos achats.`,
      },
      already: {
        title: "Votre désabonnement est déjà enregistré",
        body: (shop) => `Vous ne recevrez plus de demandes d’avis${shop ? ` de ${shop}` : ""}.`,
      },
      done: {
        title: "Votre désabonnement est confirmé",
        body: (shop) => `Vous ne recevrez plus de demandes d’avis${shop ? ` de ${shop}` : ""}.`,
      },
      invalid: {
        title: "Ce lien n’est pas valide",
        body: () => "Veuillez utiliser le lien de désabonnement de l’e-mail que vous avez reçu, tel qu’il y figure.",
      },
      expired: {
        title: "Ce lien a expiré",
        body: () => "Veuillez utiliser le lien de désabonnement d’un e-mail plus récent, ou contacter la boutique.",
      },
      notFound: {
        title: "Rien à désabonner",
        body: () =>
          "Nous ne trouvons pas l’e-mail auquel ce lien correspond\u00a0; ses données ont peut-être été supprimées. Si vous recevez une autre demande d’avis, veuillez utiliser le lien de cet e-mail.",
      },
      notAllowed: {
        title: "Action impossible",
        body: () => "Veuillez utiliser le bouton de la page de désabonnement.",
      },
      unavailable: {
        title: "Une erreur est survenue",
        body: () => "Rien n’a été modifié. Veuillez réessayer dans quelques minutes.",
      },
    },
  },
  de: {
    button: "Abmelden",
    pages: {
      confirm: {
        title: "Von Bewertungsanfragen abmelden?",
        body: (shop) =>
          `Sie erhalten dann keine E-Mails${shop ? ` von ${shop}` : ""} mehr, in denen Sie um eine Bewertung Ihrer Einkäufe gebeten werden.`,
      },
      already: {
        title: "Sie sind bereits abgemeldet",
        body: (shop) => `Sie erhalten keine Bewertungsanfragen${shop ? ` von ${shop}` : ""} mehr.`,
      },
      done: {
        title: "Sie sind abgemeldet",
        body: (shop) => `Sie erhalten keine Bewertungsanfragen${shop ? ` von ${shop}` : ""} mehr.`,
      },
      invalid: {
        title: "Dieser Link ist ungültig",
        body: () => "Bitte verwenden Sie den Abmeldelink aus der E-Mail, die Sie erhalten haben, genau so, wie er dort steht.",
      },
      expired: {
        title: "Dieser Link ist abgelaufen",
        body: () => "Bitte verwenden Sie den Abmeldelink aus einer neueren E-Mail oder wenden Sie sich an den Shop.",
      },
      notFound: {
        title: "Keine Anfrage gefunden",
        body: () =>
          "Wir finden die E-Mail zu diesem Link nicht; ihre Daten wurden möglicherweise gelöscht. Wenn Sie eine weitere Bewertungsanfrage erhalten, verwenden Sie bitte den Link in dieser E-Mail.",
      },
      notAllowed: {
        title: "Das ist hier nicht möglich",
        body: () => "Bitte verwenden Sie die Schaltfläche auf der Abmeldeseite.",
      },
      unavailable: {
        title: "Etwas ist schiefgelaufen",
        body: () => "Es wurde nichts geändert. Bitte versuchen Sie es in einigen Minuten erneut.",
      },
    },
  },
};

/** The shop as a customer knows it from the email's sender: its handle, without ".myshopify.com". */
const shopLabel = (shop: string | null) => shop?.replace(/\.myshopify\.com$/, "") || null;

function UnsubscribePage({ language, kind, shop }: { language: Language; kind: PageKind; shop: string | null }) {
  const copy = COPY[language];
  const page = copy.pages[kind];
  return (
    <StorefrontDocument language={language} title={page.title}>
      <h1>{page.title}</h1>
      <p>{page.body(shop)}</p>
      {kind === "confirm" ? (
        <form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">{copy.button}</button>
        </form>
      ) : null}
    </StorefrontDocument>
  );
}

function renderPage(request: Request, kind: PageKind, status: number, shop: string | null = null, headers: Record<string, string> = {}) {
  const language = negotiateLanguage(request.headers.get("Accept-Language"));
  return storefrontResponse(<UnsubscribePage language={language} kind={kind} shop={shopLabel(shop)} />, { status, language, headers });
}

/** Refused links get a page saying why; anything unexpected is logged and answered 503. */
function failurePage(request: Request, error: unknown, requestId: unknown) {
  if (isAppError(error)) {
    if (error.code === "bad_request") return renderPage(request, "invalid", 400);
    if (error.code === "gone") return renderPage(request, "expired", 410);
    if (error.code === "not_found") return renderPage(request, "notFound", 404);
  }
  getLogger().error({ err: error, requestId }, "unsubscribe link failed");
  return renderPage(request, "unavailable", 503, null, { "Retry-After": "60" });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = tokenSchema.safeParse(params.token);
  if (!token.success) return renderPage(request, "invalid", 400);
  try {
    const { shop, alreadyUnsubscribed } = await describeUnsubscribeLink(token.data);
    return renderPage(request, alreadyUnsubscribed ? "already" : "confirm", 200, shop);
  } catch (error) {
    return failurePage(request, error, context.requestId);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return renderPage(request, "notAllowed", 405, null, { Allow: "GET, HEAD, POST" });
  const token = tokenSchema.safeParse(params.token);
  if (!token.success) return renderPage(request, "invalid", 400);
  try {
    const { shop } = await unsubscribeByLink(token.data);
    return renderPage(request, "done", 200, shop);
  } catch (error) {
    return failurePage(request, error, context.requestId);
  }
}
