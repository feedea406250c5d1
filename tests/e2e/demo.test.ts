import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort, REPO_ROOT } from "../support/app-process";
import { BROWSER_USER_AGENT, launchChromium } from "../support/browser";
import { deleteRedisPrefix } from "../support/redis-server";

describe("npm run demo", () => {
  let demo: ChildProcess;
  let output = "";
  let port: number;
  const dataDir = mkdtempSync(path.join(tmpdir(), "candor-demo-"));
  const queuePrefix = `demo-test-${process.pid}`;

  beforeAll(async () => {
    port = await freePort();
    demo = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/demo.ts"], {
      cwd: REPO_ROOT,
      env: { NODE_ENV: "development", PATH: process.env.PATH ?? "", DEMO_PORT: String(port), DEMO_MAIL_PORT: "0", DEMO_DATA_DIR: dataDir, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    demo.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.includes("Candor demo is running")) {
      if (demo.exitCode !== null || Date.now() > deadline) throw new Error(`demo did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      demo.kill("SIGTERM");
      await once(demo, "exit");
    }
    await deleteRedisPrefix("redis://127.0.0.1:6379", queuePrefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("installs the demo shop, delivers its webhooks and prints where to look", () => {
    expect(output).toContain(`http://localhost:${port}/demo/open?shop=candor-demo.myshopify.com`);
    expect(output).toMatch(/Mail catcher: +http:\/\/127\.0\.0\.1:\d+/);
    expect(output.match(/orders\/fulfilled \d+ → HTTP 200/g)).toHaveLength(3);
  });

  it("sends the subscribed customer's review request to the mail catcher, in her language", async () => {
    const mailUrl = /Mail catcher: +(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
    let messages: Array<{ envelope: { to: string[] }; headers: Record<string, string>; text: string | null }> = [];
    const deadline = Date.now() + 20_000;
    while (messages.length === 0 && Date.now() < deadline) {
      messages = (await (await fetch(`${mailUrl}/api/messages`)).json()) as typeof messages;
      if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(messages.map((message) => message.envelope.to)).toEqual([["ada.fontaine@example.com"]]);
    expect(messages[0]!.headers["content-language"]).toBe("fr");
    expect(messages[0]!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // The review link works through the fake storefront the demo prints.
    const storefront = /open them\s+through the fake storefront instead: (http:\/\/127\.0\.0\.1:\d+\/shops\/candor-demo\.myshopify\.com)\/apps\/candor/.exec(output)?.[1];
    const link = /https:\/\/candor-demo\.myshopify\.com(\/apps\/candor\/review\?token=[\w.-]+)/.exec(messages[0]!.text ?? "")?.[1];
    expect(storefront && link).toBeTruthy();
    const form = await fetch(`${storefront}${link}&product=1`, { headers: { "Accept-Language": "fr" } });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<html lang="fr">');
  });

  it("serves the admin with the demo data in an ordinary browser session", async () => {
    const opened = await fetch(`http://localhost:${port}/demo/open?shop=candor-demo.myshopify.com`, {
      headers: { "User-Agent": BROWSER_USER_AGENT },
    });
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain("Overview");
    expect(html).toContain("candor-demo.myshopify.com");
    expect(html).toMatch(/Order fulfilled/);
    expect(html).toContain("/demo/app-bridge.js");

    const standIn = await fetch(`http://localhost:${port}/demo/app-bridge.js`);
    expect(standIn.status).toBe(200);
    expect(await standIn.text()).toContain("idToken");
  });

  it("saves settings from the admin in a browser, and refuses out-of-range values without saving", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ userAgent: BROWSER_USER_AGENT });
      await page.route("https://cdn.shopify.com/**", (route) => route.abort());
      await page.goto(`http://localhost:${port}/demo/open?shop=candor-demo.myshopify.com`);
      await page.getByRole("link", { name: "Settings" }).click();
      const delay = page.getByLabel("Days to wait");
      await delay.waitFor();

      await delay.fill("0");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Settings saved").waitFor();

      await delay.fill("99");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Nothing was saved").waitFor();
      expect(await page.getByText(/delayDays/).count()).toBeGreaterThan(0);
      mkdirSync(path.join(REPO_ROOT, "test-results"), { recursive: true });
      await page.screenshot({ path: path.join(REPO_ROOT, "test-results", "settings-refused.png"), fullPage: true });

      await page.goto(`http://localhost:${port}/demo/open?shop=candor-demo.myshopify.com`);
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByLabel("Days to wait").waitFor();
      expect(await page.getByLabel("Days to wait").inputValue()).toBe("0");
    } finally {
      await browser.close();
    }
  });
});
