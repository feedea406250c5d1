import net from "node:net";

import nodemailer, { type Transporter } from "nodemailer";

import { getEnv } from "~/modules/config/get-env.server";

const globalForMail = globalThis as unknown as { candorMailTransport?: Transporter };

const CONNECTION_TIMEOUT_MS = 10_000;

type SocketCallback = (error: Error | null, socketOptions?: { connection: net.Socket }) => void;

/**
 * Opens the pool's TCP connections with Nagle's algorithm off. nodemailer 7 leaves it on, so
 * the last segment of every message waits for the server's delayed ACK (about 40 ms): five
 * pooled connections then carry about 100 messages a second at most (docs/benchmarks.md).
 * nodemailer upgrades the socket itself for SMTPS and STARTTLS.
 */
function connectWithoutNagle(options: { host?: string; port?: number }, callback: SocketCallback): void {
  const socket = net.connect({ host: options.host, port: options.port ?? 587, noDelay: true });
  const fail = (error: Error) => {
    clearTimeout(timer);
    socket.destroy();
    callback(error);
  };
  const timer = setTimeout(() => fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })), CONNECTION_TIMEOUT_MS);
  socket.once("error", fail);
  socket.once("connect", () => {
    clearTimeout(timer);
    socket.off("error", fail);
    callback(null, { connection: socket });
  });
}

/** One pooled SMTP transport per process, from SMTP_URL. */
export function getMailTransport(): Transporter {
  if (!globalForMail.candorMailTransport) {
    const url = new URL(getEnv().SMTP_URL);
    globalForMail.candorMailTransport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: 5,
      maxMessages: 1_000,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // nodemailer's own logger would print envelopes (addresses): keep it off.
      logger: false,
      debug: false,
      getSocket: connectWithoutNagle,
    });
  }
  return globalForMail.candorMailTransport;
}

export function closeMailTransport(): void {
  globalForMail.candorMailTransport?.close();
  globalForMail.candorMailTransport = undefined;
}
