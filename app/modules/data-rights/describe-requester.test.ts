import { describe, expect, it } from "vitest";

import { describeRequester } from "./describe-requester";

describe("describeRequester", () => {
  it("names Shopify, a staff member by user id, and anything else as stored", () => {
    expect(describeRequester("shopify")).toBe("Shopify (compliance webhook)");
    expect(describeRequester("staff:7340000000000000900")).toBe("Staff member 7340000000000000900");
    expect(describeRequester("staff")).toBe("A staff member");
    expect(describeRequester("key_123")).toBe("key_123");
    expect(describeRequester(null)).toBe("—");
  });
});
