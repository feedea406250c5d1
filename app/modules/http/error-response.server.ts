import { AppError, isAppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";

/**
 * Turns any thrown value into the JSON error contract `{ error: { code, message } }`.
 * Responses thrown by Shopify's auth helpers pass through; unknown errors become a 500
 * whose message says nothing about internals (the log keeps the detail).
 */
export function errorResponse(error: unknown, requestId?: string): Response {
  if (error instanceof Response) return error;
  const appError = isAppError(error)
    ? error
    : new AppError("internal", "Something went wrong on our side. Please try again.");
  if (!isAppError(error)) getLogger().error({ err: error, requestId }, "unhandled error");
  const headers = new Headers();
  if (requestId) headers.set("X-Request-Id", requestId);
  // The rest of an oversized body is never read, so the connection cannot be reused.
  if (appError.status === 413) headers.set("Connection", "close");
  return Response.json({ error: { code: appError.code, message: appError.message } }, { status: appError.status, headers });
}
