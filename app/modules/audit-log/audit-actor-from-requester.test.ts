import { describe, expect, it } from "vitest";

import { auditActorFromRequester } from "./audit-actor-from-requester";

describe("auditActorFromRequester", () => {
  it.each([
    ["shopify", { kind: "shopify" }],
    ["staff:93845729387459238745", { kind: "staff", userId: "93845729387459238745" }],
    ["staff", { kind: "staff", userId: "unknown" }],
    ["api-key:key_123", { kind: "api_key", keyId: "key_123" }],
    ["retention-purge", { kind: "system" }],
  ])("reads %s", (requestedBy, actor) => {
    expect(auditActorFromRequester(requestedBy)).toEqual(actor);
  });
});
