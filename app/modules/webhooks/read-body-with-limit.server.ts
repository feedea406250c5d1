import { AppError } from "~/modules/errors/app-error";

/**
 * Reads a request body as text, refusing (413) as soon as it passes `limitBytes` — by the
 * declared Content-Length when there is one, and by counting otherwise.
 */
export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError("payload_too_large", `Request body is larger than ${Math.round(limitBytes / 1024)} KiB`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
