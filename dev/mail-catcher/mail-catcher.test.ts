import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startMailCatcher, type MailCatcher } from "./index";
import { sendRawSmtp } from "./send-raw-smtp";

const REVIEW_REQUEST = [
  "From: Candor Demo Store <reviews@candor-demo.example.com>",
  "To: ada.fontaine@example.com",
  "Subject: =?UTF-8?Q?Votre_avis_compte_=E2=9C=94?=",
  "Message-ID: <req-1@candor.example.com>",
  "List-Unsubscribe: <https://candor.example.com/u/abc>,",
  " <mailto:unsubscribe@candor.example.com>",
  "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
  "MIME-Version: 1.0",
  'Content-Type: multipart/alternative; boundary="b1"',
  "",
  "--b1",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "How was your beanie?",
  ".a line that starts with a dot",
  "--b1",
  "Content-Type: text/html; charset=utf-8",
  "",
  '<p>How was your <b>beanie</b>?</p><script>alert("x")</script>',
  "--b1--",
  "",
].join("\r\n");

describe("mail catcher", () => {
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher();
  });
  afterAll(async () => {
    await catcher.close();
  });
  beforeEach(() => catcher.clear());

  async function send(data = REVIEW_REQUEST, auth?: { user: string; pass: string }) {
    const port = Number(new URL(catcher.smtpUrl).port);
    return sendRawSmtp({ port, from: "bounce@candor.example.com", to: ["ada.fontaine@example.com"], data, auth });
  }

  it("catches a message with its envelope, decoded subject, unfolded headers and both bodies", async () => {
    const reply = await send(REVIEW_REQUEST, { user: "candor", pass: "any-password" });
    expect(reply.code).toBe(250);

    expect(catcher.messages).toHaveLength(1);
    const message = catcher.messages[0]!;
    expect(message.envelope).toEqual({ from: "bounce@candor.example.com", to: ["ada.fontaine@example.com"] });
    expect(message.authUser).toBe("candor");
    expect(message.subject).toBe("Votre avis compte ✔");
    expect(message.messageId).toBe("<req-1@candor.example.com>");
    expect(message.headers["list-unsubscribe"]).toBe("<https://candor.example.com/u/abc>, <mailto:unsubscribe@candor.example.com>");
    expect(message.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(message.text).toContain("How was your beanie?");
    expect(message.text).toContain("\n.a line that starts with a dot");
    expect(message.html).toContain("<b>beanie</b>");
    expect(message.size).toBeGreaterThan(200);
  });

  it("accepts mail without authentication", async () => {
    await send();
    expect(catcher.messages[0]?.authUser).toBeNull();
  });

  it("lets a test wait for a message that arrives later", async () => {
    const waiting = catcher.waitForMessage((message) => message.envelope.to.includes("ada.fontaine@example.com"), { timeoutMs: 3000 });
    await send();
    await expect(waiting).resolves.toMatchObject({ subject: "Votre avis compte ✔" });
    await expect(catcher.waitForMessage(() => false, { timeoutMs: 50 })).rejects.toThrow(/No matching message/);
  });

  it("serves the messages as JSON and as escaped HTML pages", async () => {
    await send();
    const api = (await (await fetch(`${catcher.httpUrl}/api/messages`)).json()) as Array<{ id: string; subject: string }>;
    expect(api.map((message) => message.subject)).toEqual(["Votre avis compte ✔"]);

    const list = await fetch(`${catcher.httpUrl}/`);
    expect(list.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await list.text()).toContain(`href="/messages/${api[0]!.id}"`);

    const page = await (await fetch(`${catcher.httpUrl}/messages/${api[0]!.id}`)).text();
    expect(page).toContain('<iframe sandbox=""');
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain("list-unsubscribe-post");

    expect((await fetch(`${catcher.httpUrl}/messages/999`)).status).toBe(404);
  });

  it("lists newest first and clears over HTTP", async () => {
    await send(REVIEW_REQUEST.replace(/Subject: .*/, "Subject: older-message"));
    await send(REVIEW_REQUEST.replace(/Subject: .*/, "Subject: newer-message"));
    const html = await (await fetch(`${catcher.httpUrl}/`)).text();
    expect(html.indexOf("newer-message")).toBeGreaterThan(0);
    expect(html.indexOf("newer-message")).toBeLessThan(html.indexOf("older-message"));

    await fetch(`${catcher.httpUrl}/api/messages`, { method: "DELETE" });
    expect(catcher.messages).toHaveLength(0);
  });
});
