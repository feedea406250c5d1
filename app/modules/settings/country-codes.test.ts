import { describe, expect, it } from "vitest";

import { COUNTRY_CODES, countryName, isCountryCode } from "./country-codes";

describe("country codes", () => {
  it("lists the 249 ISO 3166-1 alpha-2 codes plus Shopify's XK, each a country the runtime can name", () => {
    expect(COUNTRY_CODES.size).toBe(250);
    for (const code of COUNTRY_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(countryName(code, "en"), code).not.toBe(code);
    }
  });

  it("refuses what is not a country code", () => {
    for (const value of ["de", "DEU", "EU", "UN", "ZZ", "XX", "", "D"]) expect(isCountryCode(value), value).toBe(false);
    for (const value of ["DE", "AT", "FR", "US", "GB", "XK"]) expect(isCountryCode(value), value).toBe(true);
  });

  it("names countries in the reader's language", () => {
    expect(countryName("DE", "en")).toBe("Germany");
    expect(countryName("DE", "fr")).toBe("Allemagne");
    expect(countryName("DE", "de")).toBe("Deutschland");
  });
});
