import { describe, expect, it } from "vitest";

import { planCustomerErasure } from "./plan-customer-erasure";

const stores = (counts: Record<string, number>) =>
  Object.entries(counts).map(([store, count]) => ({ store, records: Array.from({ length: count }, (_, index) => ({ id: `${store}-${index}` })) }));

describe("planCustomerErasure", () => {
  const found = stores({ ReviewRequest: 2, RequestedProduct: 3, Review: 1, WebhookDelivery: 4, DataRequest: 1, Suppression: 0, "send-review-reminder": 1 });

  it("lists what is removed and what is kept, with counts, in a fixed order", () => {
    expect(planCustomerErasure(found, "delete")).toEqual({
      remove: [
        { store: "ReviewRequest", count: 2, text: "2 review requests" },
        { store: "RequestedProduct", count: 3, text: "3 requested products" },
        { store: "Review", count: 1, text: "1 review" },
        { store: "WebhookDelivery", count: 4, text: "4 store events" },
        { store: "send-review-reminder", count: 1, text: "1 queued reminder" },
      ],
      anonymise: [],
      keep: [{ store: "DataRequest", count: 1, text: "1 data request register entry" }],
      total: 11,
    });
  });

  it("anonymises reviews instead of deleting them when the shop keeps reviews", () => {
    const plan = planCustomerErasure(found, "anonymise");
    expect(plan.remove.map((line) => line.store)).not.toContain("Review");
    expect(plan.anonymise).toEqual([{ store: "Review", count: 1, text: "1 review" }]);
    expect(plan.total).toBe(11);
  });

  it("is empty when nothing was found", () => {
    expect(planCustomerErasure([], "delete")).toEqual({ remove: [], anonymise: [], keep: [], total: 0 });
  });
});
