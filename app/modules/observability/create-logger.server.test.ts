import { Writable } from "node:stream";

import { describe, expect, it } from "vitest";

import { createLogger } from "./create-logger.server";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe("createLogger", () => {
  it("writes one JSON object per line with level and time", () => {
    const { lines, logger } = capture();
    logger.info({ requestId: "req-1", shop: "a.myshopify.com" }, "webhook received");
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: "info", requestId: "req-1", shop: "a.myshopify.com", msg: "webhook received" });
    expect(typeof entry.time).toBe("string");
  });

  it("redacts personal fields and secrets wherever an object puts them", () => {
    const { lines, logger } = capture();
    logger.warn(
      {
        email: "top@example.org",
        customer: { email: "nested@example.org", first_name: "Ana", phone: "+1 555 0100", default_address: { address1: "1 Main St", zip: "10001" } },
        order: { shipping_address: { city: "Springfield" }, contact_email: "c@example.org" },
        headers: { authorization: "Bearer secret-token", "x-shopify-hmac-sha256": "hmac" },
        session: { accessToken: "shpat_abc" },
      },
      "something odd",
    );
    const text = lines.join("");
    for (const value of ["top@example.org", "nested@example.org", "Ana", "+1 555 0100", "1 Main St", "10001", "Springfield", "c@example.org", "secret-token", "hmac\"", "shpat_abc"]) {
      expect(text, value).not.toContain(value);
    }
    expect(text).toContain("[redacted]");
  });
});

