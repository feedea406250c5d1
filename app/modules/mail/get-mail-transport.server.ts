import nodemailer, { type Transporter } from "nodemailer";

import { getEnv } from "~/modules/config/get-env.server";

const globalForMail = globalThis as unknown as { candorMailTransport?: Transporter };

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
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // nodemailer's own logger would print envelopes (addresses): keep it off.
      logger: false,
      debug: false,
    });
  }
  return globalForMail.candorMailTransport;
}

export function closeMailTransport(): void {
  globalForMail.candorMailTransport?.close();
  globalForMail.candorMailTransport = undefined;
}
