import { describe, expect, it } from "vitest";

import { readAppConfiguration } from "./read-app-configuration.server";

describe("readAppConfiguration", () => {
  it("reads the scopes and compliance topics shopify.app.toml declares", () => {
    expect(readAppConfiguration()).toEqual({
      scopes: ["read_orders", "read_customers", "read_products"],
      complianceTopics: ["customers/data_request", "customers/redact", "shop/redact"],
    });
  });

  it("finds no compliance topic where none is declared", () => {
    const toml = `[access_scopes]\nscopes = "read_orders, write_orders"\n\n[webhooks]\napi_version = "2026-10"\n\n  [[webhooks.subscriptions]]\n  topics = ["orders/fulfilled"]\n  uri = "/webhooks"\n`;
    expect(readAppConfiguration(toml)).toEqual({ scopes: ["read_orders", "write_orders"], complianceTopics: [] });
  });
});
