import { describe, expect, it } from "vitest";

import { DATA_MAP_MODELS } from "~/modules/data-map/data-map-registry";

import { RETENTION_PURGERS } from "./retention-purgers.server";

describe("retention purgers", () => {
  it("has a purger for every stored model or field whose data map rule is a window, and for nothing else", () => {
    const windowed = DATA_MAP_MODELS.flatMap((entry) => [
      ...("category" in entry.retention || ("rule" in entry.retention && ["relayed+7d", "finished+90d"].includes(entry.retention.rule)) ? [entry.name] : []),
      ...Object.entries(entry.fields).flatMap(([field, rule]) => (rule.retention && "category" in rule.retention ? [`${entry.name}.${field}`] : [])),
    ]);
    expect(RETENTION_PURGERS.map((purger) => purger.name).sort()).toEqual(windowed.sort());
  });
});
