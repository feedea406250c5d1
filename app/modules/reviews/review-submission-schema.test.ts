import { describe, expect, it } from "vitest";

import { reviewSubmissionSchema } from "./review-submission-schema";

describe("reviewSubmissionSchema", () => {
  it("keeps the text as written (trimmed) and makes an empty or missing title null", () => {
    expect(reviewSubmissionSchema.parse({ rating: "5", body: "  <b>Great</b> value  ", displayName: " Jo " })).toEqual({
      rating: 5,
      title: null,
      body: "<b>Great</b> value",
      displayName: "Jo",
    });
    expect(reviewSubmissionSchema.parse({ rating: 1, title: "  ", body: "Too small for me.", displayName: "Jo" }).title).toBeNull();
  });

  it.each([
    [{ rating: "0" }, "rating"],
    [{ rating: "6" }, "rating"],
    [{ rating: "4.5" }, "rating"],
    [{ rating: "" }, "rating"],
    [{ body: "short" }, "body_short"],
    [{ body: "x".repeat(5_001) }, "body_long"],
    [{ displayName: "   " }, "display_name"],
    [{ displayName: "x".repeat(61) }, "display_name"],
  ])("refuses %o with %s", (override, code) => {
    const result = reviewSubmissionSchema.safeParse({ rating: "4", body: "A fine product indeed.", displayName: "Jo", ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(code);
  });
});
