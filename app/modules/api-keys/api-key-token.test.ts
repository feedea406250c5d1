import { describe, expect, it } from "vitest";

import { apiKeyTokenMatches, hashApiKeyToken, looksLikeApiKey, mintApiKeyToken, parseApiKeyToken } from "./api-key-token";

describe("API key tokens", () => {
  it("mints distinct keys that name their id and match only their own hash", () => {
    const one = mintApiKeyToken();
    const two = mintApiKeyToken();
    expect(one.token).not.toBe(two.token);
    expect(parseApiKeyToken(one.token)).toEqual({ id: one.id });
    expect(looksLikeApiKey(one.token)).toBe(true);
    expect(apiKeyTokenMatches(one.token, hashApiKeyToken(one.token))).toBe(true);
    expect(apiKeyTokenMatches(two.token, hashApiKeyToken(one.token))).toBe(false);
    expect(hashApiKeyToken(one.token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses anything not shaped like a key", () => {
    const { token } = mintApiKeyToken();
    expect(parseApiKeyToken(token.slice(0, -1))).toBeNull();
    expect(parseApiKeyToken(`${token}x`)).toBeNull();
    expect(parseApiKeyToken("eyJhbGciOiJIUzI1NiJ9.e30.x")).toBeNull();
    expect(looksLikeApiKey("eyJhbGciOiJIUzI1NiJ9.e30.x")).toBe(false);
  });
});
