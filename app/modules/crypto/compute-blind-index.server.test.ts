import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { computeBlindIndex } from "./compute-blind-index.server";

describe("computeBlindIndex", () => {
  const key = randomBytes(32);

  it("normalises emails so the same address always finds the same records", () => {
    expect(computeBlindIndex(key, "a.myshopify.com", "email", "  Ana@Example.ORG ")).toBe(
      computeBlindIndex(key, "a.myshopify.com", "email", "ana@example.org"),
    );
  });

  it("differs per shop, per kind and per key, and hides the input", () => {
    const index = computeBlindIndex(key, "a.myshopify.com", "email", "ana@example.org");
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).not.toContain("ana");
    expect(computeBlindIndex(key, "b.myshopify.com", "email", "ana@example.org")).not.toBe(index);
    expect(computeBlindIndex(key, "a.myshopify.com", "customer", "ana@example.org")).not.toBe(index);
    expect(computeBlindIndex(randomBytes(32), "a.myshopify.com", "email", "ana@example.org")).not.toBe(index);
  });
});
