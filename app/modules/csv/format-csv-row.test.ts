import { describe, expect, it } from "vitest";

import { formatCsvRow } from "./format-csv-row";

describe("formatCsvRow", () => {
  it("quotes every cell, doubles quotes and writes objects as JSON", () => {
    expect(formatCsvRow(["a", 'say "hi"', 3, null, undefined, { n: 1 }, ["x"]])).toBe('"a","say ""hi""","3","","","{""n"":1}","[""x""]"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(formatCsvRow(["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "ok=1"])).toBe(
      '"\'=HYPERLINK(""x"")","\'+1","\'-2","\'@SUM(A1)","\'\tx","ok=1"',
    );
  });
});
