import type { ActionFunctionArgs } from "@remix-run/node";

import { AppError } from "~/modules/errors/app-error";
import { errorResponse } from "~/modules/http/error-response.server";
import { acceptWebhook } from "~/modules/webhooks/accept-webhook.server";

/** Every webhook topic of shopify.app.toml is delivered here. */
export async function action({ request, context }: ActionFunctionArgs) {
  const requestId = (context as { requestId?: string }).requestId;
  if (request.method !== "POST") {
    return errorResponse(new AppError("method_not_allowed", "Webhooks must be sent with POST"), requestId);
  }
  try {
    const { outcome } = await acceptWebhook(request, requestId);
    // Shopify reads only the status; the outcome header helps support and tests.
    return new Response(null, { status: 200, headers: { "X-Candor-Webhook-Outcome": outcome } });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}

export function loader() {
  return Response.json(
    { error: { code: "method_not_allowed", message: "Webhooks must be sent with POST" } },
    { status: 405, headers: { Allow: "POST" } },
  );
}
