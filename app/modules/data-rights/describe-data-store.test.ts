import { describe, expect, it } from "vitest";

import { describeDataStore } from "./describe-data-store";

describe("describeDataStore", () => {
  it("counts a store in words, singular and plural", () => {
    expect(describeDataStore("ReviewRequest", 1)).toBe("1 review request");
    expect(describeDataStore("ReviewRequest", 2)).toBe("2 review requests");
    expect(describeDataStore("WebhookDelivery", 0)).toBe("0 store events");
    expect(describeDataStore("Suppression", 3)).toBe("3 do-not-ask entries");
    expect(describeDataStore("send-review-reminder", 1)).toBe("1 queued reminder");
  });

  it("falls back to the store's own name", () => {
    expect(describeDataStore("SomethingNew", 4)).toBe("4 SomethingNew");
  });
});
