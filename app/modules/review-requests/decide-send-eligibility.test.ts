import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS, type ShopSettings } from "~/modules/settings/shop-settings-schema";

import { decideSendEligibility, type SendEligibilityInput } from "./decide-send-eligibility";
import type { SendContext } from "./send-context";

const P1 = "gid://shopify/Product/1";
const P2 = "gid://shopify/Product/2";

type Customer = NonNullable<NonNullable<SendContext["order"]>["customer"]>;

function customer(overrides: Partial<Customer> = {}): Customer {
  return { id: "c", locale: null, email: "a@example.org", marketingState: "SUBSCRIBED", marketingUpdatedAt: null, countryCode: null, ...overrides };
}

function context(overrides: { order?: Partial<NonNullable<SendContext["order"]>> | null; products?: SendContext["products"] } = {}): SendContext {
  return {
    shopName: "Maison Test",
    order:
      overrides.order === null
        ? null
        : {
            test: false,
            cancelled: false,
            sourceName: "web",
            customerLocale: "fr-CA",
            guestEmail: null,
            customer: customer({ id: "gid://shopify/Customer/9", locale: "en", email: "buyer@example.org" }),
            remainingQuantityByProduct: { [P1]: 1, [P2]: 2 },
            ...overrides.order,
          },
    products: overrides.products ?? [
      { id: P1, title: "Lamp", tags: [], url: null, imageUrl: null, imageAlt: null },
      { id: P2, title: "Chair", tags: ["Clearance"], url: null, imageUrl: null, imageAlt: null },
    ],
  };
}

function input(overrides: Partial<Omit<SendEligibilityInput, "settings">> & { settings?: Partial<ShopSettings> } = {}): SendEligibilityInput {
  return {
    channel: "email",
    productIds: [P1, P2],
    context: context(),
    suppressed: false,
    alreadyAskedProductIds: new Set(),
    expectsCustomer: true,
    sentInLast30Days: 0,
    ledgerConsent: null,
    ...overrides,
    settings: { ...DEFAULT_SHOP_SETTINGS, ...overrides.settings },
  };
}

describe("decideSendEligibility", () => {
  it("sends to the subscribed customer's current address, in the order's language", () => {
    expect(decideSendEligibility(input())).toEqual({
      kind: "send",
      productIds: [P1, P2],
      recipient: { email: "buyer@example.org", locale: "fr-CA" },
    });
  });

  it.each([
    ["order_not_found", input({ context: context({ order: null }) })],
    ["order_cancelled", input({ context: context({ order: { cancelled: true } }) })],
    ["test_order", input({ context: context({ order: { test: true } }) })],
    ["point_of_sale_order", input({ context: context({ order: { sourceName: "pos" } }), settings: { skipPointOfSaleOrders: true } })],
    ["suppressed", input({ suppressed: true })],
    ["order_refunded", input({ context: context({ order: { remainingQuantityByProduct: { [P1]: 0 } } }) })],
    ["no_products_left", input({ context: context({ products: [] }) })],
    ["already_requested", input({ alreadyAskedProductIds: new Set([P1, P2]) })],
    ["consent_not_subscribed", input({ context: context({ order: { customer: customer({ marketingState: "NOT_SUBSCRIBED" }) } }) })],
    [
      "consent_withdrawn",
      input({ settings: { consentMode: "soft_opt_in" }, context: context({ order: { customer: customer({ marketingState: "UNSUBSCRIBED" }) } }) }),
    ],
    [
      "consent_withdrawn",
      input({ ledgerConsent: { state: "unsubscribed", occurredAt: new Date("2026-11-20T10:00:00Z") } }),
    ],
    [
      "consent_not_subscribed",
      input({
        settings: { consentMode: "soft_opt_in", consentModeByCountry: { DE: "consent_required" } },
        context: context({ order: { customer: customer({ marketingState: "NOT_SUBSCRIBED", countryCode: "DE" }) } }),
      }),
    ],
    ["customer_not_found", input({ context: context({ order: { customer: null, guestEmail: "x@example.org" } }) })],
    ["no_email_address", input({ context: context({ order: { customer: customer({ email: null }) } }) })],
    ["customer_cap_reached", input({ sentInLast30Days: 3 })],
    ["customer_cap_reached", input({ sentInLast30Days: 3, channel: "flow" })],
  ])("refuses with %s", (reason, eligibility) => {
    expect(decideSendEligibility(eligibility)).toEqual({ kind: "refuse", reason });
  });

  it("drops refunded, deleted, excluded and already-asked products but sends the rest", () => {
    expect(decideSendEligibility(input({ context: context({ order: { remainingQuantityByProduct: { [P1]: 0, [P2]: 1 } } }) }))).toMatchObject({
      productIds: [P2],
    });
    expect(decideSendEligibility(input({ settings: { excludedProductTags: ["clearance"] } }))).toMatchObject({ productIds: [P1] });
    expect(decideSendEligibility(input({ alreadyAskedProductIds: new Set([P1]) }))).toMatchObject({ productIds: [P2] });
  });

  it("asks a guest checkout only in soft opt-in mode, at the order's address", () => {
    const guest = context({ order: { customer: null, guestEmail: "guest@example.org", customerLocale: null } });
    expect(decideSendEligibility(input({ context: guest, expectsCustomer: false }))).toEqual({ kind: "refuse", reason: "consent_not_subscribed" });
    expect(decideSendEligibility(input({ context: guest, expectsCustomer: false, settings: { consentMode: "soft_opt_in" } }))).toEqual({
      kind: "send",
      productIds: [P1, P2],
      recipient: { email: "guest@example.org", locale: null },
    });
  });

  it("applies the mode of the customer's country, and the shop's mode without a known country", () => {
    const settings = { consentMode: "soft_opt_in" as const, consentModeByCountry: { DE: "consent_required" as const, FR: "soft_opt_in" as const } };
    const notSubscribedIn = (countryCode: string | null) =>
      decideSendEligibility(input({ settings, context: context({ order: { customer: customer({ marketingState: "NOT_SUBSCRIBED", countryCode }) } }) })).kind;
    expect(notSubscribedIn("DE")).toBe("refuse");
    expect(notSubscribedIn("FR")).toBe("send");
    expect(notSubscribedIn("US")).toBe("send");
    expect(notSubscribedIn(null)).toBe("send");
    const strictShop = { consentMode: "consent_required" as const, consentModeByCountry: { US: "soft_opt_in" as const } };
    const strictIn = (countryCode: string | null) =>
      decideSendEligibility(input({ settings: strictShop, context: context({ order: { customer: customer({ marketingState: "NOT_SUBSCRIBED", countryCode }) } }) })).kind;
    expect(strictIn("US")).toBe("send");
    expect(strictIn("DE")).toBe("refuse");
    expect(strictIn(null)).toBe("refuse");
  });

  it("hands the Flow channel the products without any address, after the same checks", () => {
    const withoutAddress = context({ order: { customer: customer({ email: null }) } });
    expect(decideSendEligibility(input({ channel: "flow", context: withoutAddress }))).toEqual({ kind: "send", productIds: [P1, P2], recipient: null });
    expect(decideSendEligibility(input({ channel: "flow", suppressed: true }))).toEqual({ kind: "refuse", reason: "suppressed" });
  });
});
