import type { IncomingMessage, ServerResponse } from "node:http";

import { AppError, isAppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";

import { acceptWebhook } from "./accept-webhook.server";

/** Shopify's largest payloads (orders with hundreds of lines) stay far below this. */
export const WEBHOOK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

function sendError(res: ServerResponse, error: AppError, requestId: string): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  res.statusCode = error.status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("X-Request-Id", requestId);
  if (error.status === 405) res.setHeader("Allow", "POST");
  // The rest of an oversized body is never read, so the connection cannot be reused.
  if (error.status === 413) res.setHeader("Connection", "close");
  res.end(body);
}

/**
 * An oversized body is read to its end and thrown away before the 413 is sent (up to a
 * ceiling, past which the connection is cut): a sender still writing when the server answers
 * and closes would see a broken pipe instead of the 413.
 */
const DISCARD_CEILING_BYTES = 16 * 1024 * 1024;

function discardThenReject(req: IncomingMessage, alreadyRead: number, error: AppError): Promise<never> {
  return new Promise((_resolve, reject) => {
    let discarded = alreadyRead;
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_CEILING_BYTES) {
        req.removeAllListeners("data");
        reject(error);
        req.destroy();
      }
    });
    req.once("end", () => reject(error));
    req.once("error", () => reject(error));
    req.resume();
  });
}

function readRawBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError("payload_too_large", `Request body is larger than ${Math.round(limitBytes / 1024)} KiB`);
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return declared > DISCARD_CEILING_BYTES ? Promise.reject(tooLarge()) : discardThenReject(req, 0, tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        req.removeListener("end", onEnd);
        discardThenReject(req, received, tooLarge()).catch(reject);
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", onEnd);
    req.once("error", reject);
  });
}

/** Node's lower-cased header object behind the `get()` that verification expects. */
function headerReader(req: IncomingMessage) {
  return {
    get(name: string): string | null {
      const value = req.headers[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

/**
 * The HTTP face of the webhook intake, mounted at /webhooks ahead of the Remix router: a
 * machine-to-machine endpoint gains nothing from page routing, and it is the hottest path.
 * Validates the method and size, then calls acceptWebhook and answers. Shopify reads only
 * the status; the outcome header helps support and tests.
 */
export async function handleWebhookHttp(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  try {
    if (req.method !== "POST") throw new AppError("method_not_allowed", "Webhooks must be sent with POST");
    const rawBody = await readRawBody(req, WEBHOOK_BODY_LIMIT_BYTES);
    const { outcome } = await acceptWebhook({ headers: headerReader(req), rawBody, requestId });
    res.statusCode = 200;
    res.setHeader("X-Candor-Webhook-Outcome", outcome);
    res.setHeader("X-Request-Id", requestId);
    res.end();
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      getLogger().warn({ requestId, status: error.status, code: error.code }, "webhook rejected");
      sendError(res, error, requestId);
      return;
    }
    getLogger().error({ err: error, requestId }, "webhook intake failed");
    sendError(res, new AppError("service_unavailable", "Webhook could not be stored; please retry"), requestId);
  }
}
