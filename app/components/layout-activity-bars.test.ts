import { describe, expect, it } from "vitest";

import { layoutActivityBars } from "./layout-activity-bars";

const series = ["scheduled", "sent", "failed"] as const;
const margin = { top: 0, right: 0, bottom: 20, left: 0 };

function day(date: string, scheduled: number, sent: number, failed: number) {
  return { day: date, scheduled, sent, failed };
}

describe("layoutActivityBars", () => {
  it("puts one slot per day and one bar per series, left to right, inside the plot", () => {
    const layout = layoutActivityBars([day("2026-03-01", 4, 2, 0), day("2026-03-02", 1, 4, 1)], { series, width: 200, height: 120, margin });
    expect(layout.plot).toEqual({ x: 0, y: 0, width: 200, height: 100 });
    expect(layout.groups.map((group) => [group.day, group.x, group.width])).toEqual([
      ["2026-03-01", 0, 100],
      ["2026-03-02", 100, 100],
    ]);
    const [first, second] = layout.groups;
    // 20% of the slot is gap, split on both sides; three bars share the rest.
    expect(first?.bars.map((bar) => [bar.series, bar.x, bar.width])).toEqual([
      ["scheduled", 10, 80 / 3],
      ["sent", 10 + 80 / 3, 80 / 3],
      ["failed", 10 + 160 / 3, 80 / 3],
    ]);
    expect(second?.bars[0]?.x).toBe(110);
    for (const bar of layout.groups.flatMap((group) => group.bars)) {
      expect(bar.y + bar.height).toBeCloseTo(100);
      expect(bar.y).toBeGreaterThanOrEqual(0);
    }
  });

  it("scales heights against a round top value with whole-number ticks", () => {
    const layout = layoutActivityBars([day("2026-03-01", 7, 3, 0)], { series, width: 100, height: 120, margin });
    expect(layout.top).toBe(8);
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 2, 4, 6, 8]);
    expect(layout.ticks.map((tick) => tick.y)).toEqual([100, 75, 50, 25, 0]);
    const [scheduled, sent, failed] = layout.groups[0]?.bars ?? [];
    expect(scheduled).toMatchObject({ value: 7, height: 87.5, y: 12.5 });
    expect(sent).toMatchObject({ value: 3, height: 37.5 });
    expect(failed).toMatchObject({ value: 0, height: 0, y: 100 });
  });

  it("keeps a small count visible next to a large one", () => {
    const layout = layoutActivityBars([day("2026-03-01", 0, 1_000, 1)], { series, width: 100, height: 120, margin });
    expect(layout.top).toBe(1_000);
    expect(layout.groups[0]?.bars[2]?.height).toBe(1);
  });

  it("draws an empty range on a scale of one, without dividing by zero", () => {
    const layout = layoutActivityBars([day("2026-03-01", 0, 0, 0)], { series, width: 100, height: 120, margin });
    expect(layout.top).toBe(1);
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 1]);
    expect(layout.groups[0]?.bars.every((bar) => bar.height === 0 && Number.isFinite(bar.y))).toBe(true);
    expect(layoutActivityBars([], { series, width: 100, height: 120, margin }).groups).toEqual([]);
  });

  it("labels every day of a short range, and weekly back from today for a month", () => {
    const short = layoutActivityBars(
      Array.from({ length: 7 }, (_, index) => day(`2026-03-0${index + 1}`, 0, 0, 0)),
      { series, width: 700, height: 120 },
    );
    expect(short.groups.every((group) => group.labelled)).toBe(true);
    const month = layoutActivityBars(
      Array.from({ length: 30 }, (_, index) => day(`d${index}`, 0, 0, 0)),
      { series, width: 700, height: 120 },
    );
    expect(month.groups.filter((group) => group.labelled).map((group) => group.day)).toEqual(["d1", "d8", "d15", "d22", "d29"]);
  });
});
