import { describe, expect, it } from "vitest";

import { parseCustomerLookupForm } from "./parse-customer-lookup-form";

describe("parseCustomerLookupForm", () => {
  it("turns a customer id into its GID, exactly, above 2^53", () => {
    expect(parseCustomerLookupForm({ by: "customerId", value: " 7340000000000000301 " })).toEqual({
      ok: true,
      by: "customerId",
      value: "7340000000000000301",
      lookup: { customerId: "gid://shopify/Customer/7340000000000000301" },
    });
  });

  it("accepts an email and an order GID", () => {
    expect(parseCustomerLookupForm({ by: "email", value: "ada@example.com" })).toMatchObject({ ok: true, lookup: { email: "ada@example.com" } });
    expect(parseCustomerLookupForm({ by: "orderId", value: "gid://shopify/Order/12" })).toMatchObject({
      ok: true,
      lookup: { orderId: "gid://shopify/Order/12" },
    });
  });

  it("refuses an empty or malformed value with a hint for the kind chosen", () => {
    expect(parseCustomerLookupForm({ by: "orderId", value: "#1001" })).toMatchObject({ ok: false, by: "orderId", message: expect.stringContaining("not the order name") });
    expect(parseCustomerLookupForm({ by: "email", value: "" })).toMatchObject({ ok: false, message: "Enter the customer's email address." });
    expect(parseCustomerLookupForm({ by: "customerId", value: "ada@example.com" })).toMatchObject({ ok: false, by: "customerId" });
  });

  it("defaults an unknown kind to a customer id and never lets a second key through", () => {
    expect(parseCustomerLookupForm({ by: "phone", value: "12" })).toMatchObject({ ok: true, by: "customerId", lookup: { customerId: "gid://shopify/Customer/12" } });
    expect(parseCustomerLookupForm({ value: "12" })).toMatchObject({ ok: true, by: "customerId" });
    expect(parseCustomerLookupForm({ by: "email", value: 12 })).toMatchObject({ ok: false, value: "" });
  });
});
