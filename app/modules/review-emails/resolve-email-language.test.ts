import { describe, expect, it } from "vitest";

import { EMAIL_LANGUAGES, resolveEmailLanguage } from "./resolve-email-language";

describe("resolveEmailLanguage", () => {
  it.each([
    ["en", "en"],
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["de-DE", "de"],
    ["DE", "de"],
    ["de_AT", "de"],
    [" fr ", "fr"],
    ["en-GB", "en"],
    ["pt-BR", "en"],
    ["", "en"],
    [null, "en"],
    [undefined, "en"],
  ] as const)("reads %j as %s", (locale, language) => {
    expect(resolveEmailLanguage(locale)).toBe(language);
  });

  it("falls back to the given language for an unsupported or missing locale", () => {
    expect(resolveEmailLanguage("pt-BR", "de")).toBe("de");
    expect(resolveEmailLanguage(null, "fr")).toBe("fr");
    expect(resolveEmailLanguage("fr-CA", "de")).toBe("fr");
  });

  it("lists every supported language once", () => {
    expect([...EMAIL_LANGUAGES].sort()).toEqual(["de", "en", "fr"]);
  });
});
