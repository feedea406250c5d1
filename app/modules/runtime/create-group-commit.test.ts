import { describe, expect, it } from "vitest";

import { createGroupCommit } from "./create-group-commit";

describe("createGroupCommit", () => {
  it("writes the ids handed in while a write runs together, in the next write", async () => {
    const writes: string[][] = [];
    let finishFirst!: () => void;
    const commit = createGroupCommit<string>(async (ids) => {
      writes.push([...ids]);
      if (writes.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
    });
    const first = commit(["a"]);
    await Promise.resolve();
    await Promise.resolve();
    const second = commit(["b"]);
    const third = commit(["c", "d"]);
    expect(writes).toEqual([["a"]]);
    finishFirst();
    await Promise.all([first, second, third]);
    expect(writes).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("settles a caller only after its own ids are written, and passes a failed write on", async () => {
    let fail = true;
    const written: string[] = [];
    const commit = createGroupCommit<string>(async (ids) => {
      if (fail) throw new Error("database down");
      written.push(...ids);
    });
    await expect(commit(["a"])).rejects.toThrow("database down");
    fail = false;
    await commit(["b"]);
    expect(written).toEqual(["b"]);
    await expect(commit([])).resolves.toBeUndefined();
  });
});
