import { EventEmitter } from "node:events";

import type { HeaderLines, ParsedMail } from "mailparser";

export interface CaughtMessage {
  /** "1", "2", … in arrival order. */
  id: string;
  envelope: { from: string | null; to: string[] };
  /** The SMTP AUTH user name, when the client authenticated. */
  authUser: string | null;
  subject: string | null;
  /** Header name (lower case) → unfolded raw value; repeated headers joined with "\n". */
  headers: Record<string, string>;
  messageId: string | null;
  text: string | null;
  html: string | null;
  /** The message as received over SMTP. */
  raw: string;
  size: number;
  receivedAt: string;
}

export interface WaitForMessageOptions {
  timeoutMs?: number;
}

export function headersToObject(headerLines: HeaderLines): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of headerLines) {
    const value = line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
    const name = key.toLowerCase();
    headers[name] = name in headers ? `${headers[name]}\n${value}` : value;
  }
  return headers;
}

/** In-memory list of caught messages, oldest first, with waiting for arrivals. */
export class MessageStore {
  readonly messages: CaughtMessage[] = [];
  private readonly events = new EventEmitter();
  private nextId = 1;

  add(input: { raw: Buffer; parsed: ParsedMail; envelopeFrom: string | null; envelopeTo: string[]; authUser: string | null }): CaughtMessage {
    const { parsed } = input;
    const message: CaughtMessage = {
      id: String(this.nextId++),
      envelope: { from: input.envelopeFrom, to: input.envelopeTo },
      authUser: input.authUser,
      subject: parsed.subject ?? null,
      headers: headersToObject(parsed.headerLines),
      messageId: parsed.messageId ?? null,
      text: parsed.text ?? null,
      html: typeof parsed.html === "string" ? parsed.html : null,
      raw: input.raw.toString("utf8"),
      size: input.raw.length,
      receivedAt: new Date().toISOString(),
    };
    this.messages.push(message);
    this.events.emit("message", message);
    return message;
  }

  get(id: string): CaughtMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** Resolves with the first message (already caught or arriving later) that matches. */
  waitFor(predicate: (message: CaughtMessage) => boolean = () => true, options: WaitForMessageOptions = {}): Promise<CaughtMessage> {
    const already = this.messages.find(predicate);
    if (already) return Promise.resolve(already);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const onMessage = (message: CaughtMessage) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        this.events.off("message", onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        this.events.off("message", onMessage);
        reject(new Error(`No matching message within ${timeoutMs} ms (${this.messages.length} caught)`));
      }, timeoutMs);
      this.events.on("message", onMessage);
    });
  }
}
