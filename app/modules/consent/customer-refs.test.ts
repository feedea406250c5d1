import { describe, expect, it } from "vitest";

import { matchCustomerRefs } from "./customer-refs";

describe("matchCustomerRefs", () => {
  it("matches by each index the customer is known by", () => {
    expect(matchCustomerRefs({ customerRef: "c1", emailRef: "e1" })).toEqual([{ customerRef: "c1" }, { emailRef: "e1" }]);
    expect(matchCustomerRefs({ customerRef: null, emailRef: "e1" })).toEqual([{ emailRef: "e1" }]);
    expect(matchCustomerRefs({ customerRef: null, emailRef: null })).toEqual([]);
  });

  it("names each distinct index once across the stored and the current indexes", () => {
    const stored = { customerRef: "c1", emailRef: "e1" };
    expect(matchCustomerRefs([stored, { ...stored }])).toEqual([{ customerRef: "c1" }, { emailRef: "e1" }]);
    // The address changed since the order: both emails are matched.
    expect(matchCustomerRefs([stored, { customerRef: "c1", emailRef: "e2" }])).toEqual([{ customerRef: "c1" }, { emailRef: "e1" }, { emailRef: "e2" }]);
  });
});
