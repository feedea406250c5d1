import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { WEBHOOK_TOPICS } from "./webhook-topics";

const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const toml = readFileSync(repoFile("shopify.app.toml"), "utf8");

/** Each `[[webhooks.subscriptions]]` block: its comment lines, topics and uri. */
function subscriptions() {
  return toml
    .split("[[webhooks.subscriptions]]")
    .slice(1)
    .map((block) => {
      const body = block.split(/\n\s*\[(?!\[)/)[0] ?? "";
      const list = (name: string) =>
        [...(new RegExp(`^\\s*${name}\\s*=\\s*\\[([^\\]]*)\\]`, "m").exec(body)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
      return {
        comment: body.split("\n").filter((line) => line.trim().startsWith("#")).join(" "),
        topics: [...list("topics"), ...list("compliance_topics")],
        uri: /^\s*uri\s*=\s*"([^"]+)"/m.exec(body)?.[1],
      };
    });
}

describe("shopify.app.toml webhook subscriptions", () => {
  it("declare exactly the topics the intake knows, the three compliance topics included", () => {
    const declared = subscriptions().flatMap((subscription) => subscription.topics).sort();
    expect(declared).toEqual(Object.keys(WEBHOOK_TOPICS).sort());
    expect(declared).toEqual(expect.arrayContaining(["customers/data_request", "customers/redact", "shop/redact"]));
  });

  it("use relative URIs and name the existing handler in a comment", () => {
    for (const subscription of subscriptions()) {
      expect(subscription.uri).toMatch(/^\/[a-z]/);
      const route = /app\/[\w/.$-]+\.tsx?/.exec(subscription.comment)?.[0];
      expect(route, `comment of ${subscription.topics.join(", ")}`).toBeDefined();
      expect(existsSync(repoFile(route!))).toBe(true);
    }
  });

  it("request only read scopes, each justified", () => {
    const scopes = /^scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1]?.split(",") ?? [];
    expect(scopes.length).toBeGreaterThan(0);
    for (const scope of scopes) {
      expect(scope).toMatch(/^read_/);
      expect(toml).toMatch(new RegExp(`# - ${scope}:`));
    }
  });
});
