import { describe, expect, it } from "vitest";

import { hasEncryptedColumnStore } from "./encrypted-column-store.server";
import { listEncryptedColumns } from "./list-encrypted-columns";

describe("listEncryptedColumns", () => {
  it("names every field the data map marks as encrypted at rest", () => {
    expect(listEncryptedColumns()).toEqual([
      { table: "Session", column: "accessToken" },
      { table: "Session", column: "refreshToken" },
      { table: "Review", column: "displayName" },
    ]);
  });

  it("has a store for every table holding an encrypted field, so rotation can reach it", () => {
    for (const { table } of listEncryptedColumns()) expect(hasEncryptedColumnStore(table), table).toBe(true);
    expect(hasEncryptedColumnStore("ReviewRequest")).toBe(false);
  });
});
