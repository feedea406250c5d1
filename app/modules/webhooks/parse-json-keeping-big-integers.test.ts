import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { parseJsonKeepingBigIntegers } from "./parse-json-keeping-big-integers";

describe("parseJsonKeepingBigIntegers", () => {
  it("keeps every digit of ids above 2^53 as strings", () => {
    const parsed = parseJsonKeepingBigIntegers('{"id": 820982911946154508, "n": [9007199254740993, -9007199254740993]}') as {
      id: string;
      n: string[];
    };
    expect(parsed.id).toBe("820982911946154508");
    expect(parsed.n).toEqual(["9007199254740993", "-9007199254740993"]);
  });

  it("leaves safe integers, decimals, exponents and strings alone", () => {
    const text = '{"a": 42, "b": 9007199254740991, "c": 1234567890123456.5, "d": 1e21, "e": "820982911946154508 \\" 12345678901234567890", "f": null}';
    expect(parseJsonKeepingBigIntegers(text)).toEqual(JSON.parse(text));
  });

  it("keeps the digits of Shopify's sample order exactly as written", () => {
    const text = readFileSync(new URL("../../../tests/fixtures/shopify-webhooks/orders/fulfilled.json", import.meta.url), "utf8");
    const order = parseJsonKeepingBigIntegers(text) as { id: string };
    const writtenId = /"id": (\d+)/.exec(text)?.[1];
    expect(order.id).toBe(writtenId);
  });

  it("rejects malformed JSON like JSON.parse does", () => {
    expect(() => parseJsonKeepingBigIntegers('{"id": 123456789012345678')).toThrow(SyntaxError);
  });
});
