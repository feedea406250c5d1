/**
 * A local SMTP server that accepts every message (any credentials, no TLS) and keeps it
 * in memory, with a small web UI and JSON API to look at what the app sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

import { closeServer, listen, sendHtml, sendJson } from "../http-helpers";
import { MessageStore, type CaughtMessage, type WaitForMessageOptions } from "./message-store";
import { renderMessage, renderMessageList, renderNotFound } from "./pages";

export type { CaughtMessage, WaitForMessageOptions } from "./message-store";

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface StartMailCatcherOptions {
  /** 0 (default) picks a free port. */
  smtpPort?: number;
  httpPort?: number;
  host?: string;
}

export interface MailCatcher {
  /** smtp://127.0.0.1:PORT — any user/password is accepted. */
  smtpUrl: string;
  smtpPort: number;
  /** http://127.0.0.1:PORT — the web UI and /api/messages. */
  httpUrl: string;
  /** Caught messages, oldest first (live array). */
  readonly messages: readonly CaughtMessage[];
  /** First message (already caught or arriving later) matching the predicate. */
  waitForMessage(predicate?: (message: CaughtMessage) => boolean, options?: WaitForMessageOptions): Promise<CaughtMessage>;
  clear(): void;
  /**
   * Answers RCPT TO for this address with an SMTP error from now on (e.g. 550 unknown user,
   * 451 try again later), like a receiving server would; null accepts it again.
   */
  rejectRecipient(address: string, responseCode: number | null): void;
  close(): Promise<void>;
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => resolve(Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

function createSmtpServer(store: MessageStore, rejections: Map<string, number>): SMTPServer {
  return new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const code = rejections.get(address.address.toLowerCase());
      if (code) {
        callback(Object.assign(new Error(code >= 500 ? "Recipient address rejected" : "Try again later"), { responseCode: code }));
        return;
      }
      callback();
    },
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onData(stream, session: SMTPServerSession, callback) {
      readStream(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error("Message exceeds the size limit"), { responseCode: 552 }));
            return;
          }
          const parsed = await simpleParser(raw);
          const stored = store.add({
            raw,
            parsed,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
            authUser: typeof session.user === "string" ? session.user : null,
          });
          callback(null, `Message queued as ${stored.id}`);
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
}

function handleHttp(store: MessageStore, request: IncomingMessage, response: ServerResponse): void {
  const { pathname } = new URL(request.url ?? "/", "http://mail-catcher.invalid");
  const method = request.method ?? "GET";
  const messageMatch = /^\/messages\/([^/]+)(\/raw)?$/.exec(pathname);
  const apiMessageMatch = /^\/api\/messages\/([^/]+)$/.exec(pathname);

  if (method === "GET" && pathname === "/") return sendHtml(response, 200, renderMessageList(store.messages));
  if (method === "GET" && pathname === "/api/messages") return sendJson(response, 200, store.messages);
  if (method === "DELETE" && pathname === "/api/messages") {
    store.clear();
    return sendJson(response, 200, { ok: true });
  }
  if (method === "GET" && apiMessageMatch?.[1]) {
    const message = store.get(decodeURIComponent(apiMessageMatch[1]));
    return message ? sendJson(response, 200, message) : sendJson(response, 404, { error: "No such message" });
  }
  if (method === "GET" && messageMatch?.[1]) {
    const message = store.get(decodeURIComponent(messageMatch[1]));
    if (!message) return sendHtml(response, 404, renderNotFound());
    if (!messageMatch[2]) return sendHtml(response, 200, renderMessage(message));
    response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
    return void response.end(message.raw);
  }
  sendJson(response, 404, { error: "Not Found" });
}

export async function startMailCatcher(options: StartMailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const store = new MessageStore();
  const rejections = new Map<string, number>();
  const smtpServer = createSmtpServer(store, rejections);
  const httpServer = createServer((request, response) => handleHttp(store, request, response));

  const smtpPort = await listen(smtpServer.server, options.smtpPort ?? 0, host);
  const httpPort = await listen(httpServer, options.httpPort ?? 0, host);

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    smtpPort,
    httpUrl: `http://${host}:${httpPort}`,
    get messages() {
      return store.messages;
    },
    waitForMessage: (predicate, waitOptions) => store.waitFor(predicate, waitOptions),
    clear: () => store.clear(),
    rejectRecipient: (address, responseCode) => {
      if (responseCode === null) rejections.delete(address.toLowerCase());
      else rejections.set(address.toLowerCase(), responseCode);
    },
    close: async () => {
      await Promise.all([new Promise<void>((resolve) => smtpServer.close(() => resolve())), closeServer(httpServer)]);
    },
  };
}
