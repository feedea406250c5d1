import { describe, expect, it } from "vitest";

import { nextRetentionPurgeAt, RETENTION_PURGE_CRON } from "./retention-purge-schedule";

describe("retention purge schedule", () => {
  it("runs at the start of every hour, UTC", () => {
    expect(RETENTION_PURGE_CRON).toBe("0 * * * *");
    expect(nextRetentionPurgeAt(new Date("2026-05-20T12:34:56Z"))).toEqual(new Date("2026-05-20T13:00:00Z"));
    expect(nextRetentionPurgeAt(new Date("2026-05-20T23:59:59.999Z"))).toEqual(new Date("2026-05-21T00:00:00Z"));
    // At the hour itself, that run has started: the next is an hour later.
    expect(nextRetentionPurgeAt(new Date("2026-05-20T13:00:00Z"))).toEqual(new Date("2026-05-20T14:00:00Z"));
  });
});
