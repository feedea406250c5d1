import { describe, expect, it } from "vitest";

import { describeDataRequestReceipt } from "./describe-data-request-receipt";

describe("describeDataRequestReceipt", () => {
  it("describes an erasure receipt, zero counts included", () => {
    expect(
      describeDataRequestReceipt({
        erasedAt: "2026-05-01T10:00:00.000Z",
        requestedBy: "staff:42",
        counts: {
          reviewRequests: 2,
          requestedProducts: 3,
          sendAttempts: 1,
          reviewsDeleted: 1,
          reviewsAnonymised: 0,
          webhookDeliveries: 4,
          outboxMessages: 0,
          queuedJobs: 1,
        },
        suppressionAdded: true,
      }),
    ).toEqual({
      kind: "erasure",
      at: "2026-05-01T10:00:00.000Z",
      requestedBy: "staff:42",
      format: null,
      lines: [
        "2 review requests removed",
        "3 requested products removed",
        "1 send attempt removed",
        "1 review deleted",
        "0 reviews anonymised",
        "4 store events removed",
        "0 outbox messages removed",
        "1 queued email taken off the queue",
      ],
      suppressionAdded: true,
    });
  });

  it("describes an export receipt per store", () => {
    expect(
      describeDataRequestReceipt({ exportedAt: "2026-05-01T10:00:00.000Z", requestedBy: "shopify", format: "csv", counts: { ReviewRequest: 1, Review: 2 } }),
    ).toEqual({
      kind: "access",
      at: "2026-05-01T10:00:00.000Z",
      requestedBy: "shopify",
      format: "csv",
      lines: ["1 review request exported", "2 reviews exported"],
      suppressionAdded: null,
    });
  });

  it("gives nothing for a missing or unknown receipt, and skips values that are not counts", () => {
    expect(describeDataRequestReceipt(null)).toMatchObject({ kind: "other", lines: [] });
    expect(describeDataRequestReceipt("text")).toMatchObject({ kind: "other", lines: [] });
    expect(describeDataRequestReceipt({ requestedBy: "api", counts: { rows: 3, note: "x" } })).toMatchObject({
      kind: "other",
      requestedBy: "api",
      lines: ["rows: 3"],
    });
  });
});
