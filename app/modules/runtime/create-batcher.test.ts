import { describe, expect, it } from "vitest";

import { createBatcher } from "./create-batcher";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createBatcher", () => {
  it("runs calls made together as one batch and gives each caller its own result", async () => {
    const batches: number[][] = [];
    const double = createBatcher(async (items: number[]) => {
      batches.push(items);
      return items.map((item) => item * 2);
    }, { maxBatch: 10 });
    await expect(Promise.all([double(1), double(2), double(3)])).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("collects calls made while a batch runs into the next batch, never two batches at once", async () => {
    const batches: number[][] = [];
    let running = 0;
    let release: () => void = () => undefined;
    const run = createBatcher(async (items: number[]) => {
      running += 1;
      expect(running).toBe(1);
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
      return items;
    }, { maxBatch: 10 });
    const first = run(1);
    await tick();
    const later = [run(2), run(3), run(4)];
    await tick();
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("keeps batches within maxBatch", async () => {
    const sizes: number[] = [];
    const run = createBatcher(async (items: number[]) => {
      sizes.push(items.length);
      return items;
    }, { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((item) => run(item)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it("runs the items of a failed batch one by one, so only the bad item's caller fails", async () => {
    const batches: string[][] = [];
    const run = createBatcher(async (items: string[]) => {
      batches.push(items);
      if (items.includes("bad")) throw new Error("refused");
      return items.map((item) => item.toUpperCase());
    }, { maxBatch: 10 });
    const results = await Promise.allSettled([run("a"), run("bad"), run("c")]);
    expect(results).toEqual([
      { status: "fulfilled", value: "A" },
      { status: "rejected", reason: new Error("refused") },
      { status: "fulfilled", value: "C" },
    ]);
    expect(batches).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("rejects when the batch returns the wrong number of results", async () => {
    const run = createBatcher(async () => [], { maxBatch: 10 });
    await expect(run(1)).rejects.toThrow("a batch of 1 returned 0 results");
  });
});
