import { describe, expect, it } from "vitest";

import { createExpiringCache } from "./create-expiring-cache";

describe("createExpiringCache", () => {
  const clock = () => {
    let time = 1_000;
    return { now: () => time, advance: (ms: number) => (time += ms) };
  };

  it("loads once within the time to live, and again after it", async () => {
    const time = clock();
    const cache = createExpiringCache<number>({ ttlMs: 5_000, maxEntries: 10, now: time.now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    time.advance(4_999);
    expect(await cache.get("a", load)).toBe(1);
    time.advance(1);
    expect(await cache.get("a", load)).toBe(2);
  });

  it("shares one load between concurrent reads of the same key", async () => {
    const cache = createExpiringCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return "value";
    };
    expect(await Promise.all([cache.get("a", load), cache.get("a", load), cache.get("a", load)])).toEqual(["value", "value", "value"]);
    expect(loads).toBe(1);
  });

  it("does not keep a failed load", async () => {
    const cache = createExpiringCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    await expect(cache.get("a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("a", async () => "up")).toBe("up");
  });

  it("reloads a deleted key at once", async () => {
    const cache = createExpiringCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    await cache.get("a", async () => "before");
    cache.delete("a");
    expect(await cache.get("a", async () => "after")).toBe("after");
  });

  it("drops the oldest entry when full", async () => {
    const cache = createExpiringCache<string>({ ttlMs: 5_000, maxEntries: 2 });
    await cache.get("a", async () => "a1");
    await cache.get("b", async () => "b1");
    await cache.get("c", async () => "c1");
    expect(await cache.get("b", async () => "b2")).toBe("b1");
    expect(await cache.get("a", async () => "a2")).toBe("a2");
  });
});
