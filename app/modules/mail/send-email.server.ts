import { createHash, randomUUID } from "node:crypto";

import { getEnv } from "~/modules/config/get-env.server";

import { getMailTransport } from "./get-mail-transport.server";
import { MailDeliveryError } from "./mail-delivery-error";

export interface OutgoingEmail {
  to: string;
  /** Display name of the sender (the shop's name); the address is MAIL_FROM's. */
  fromName: string;
  subject: string;
  html: string;
  text: string;
  language: string;
  /** RFC 8058 one-click unsubscribe URL. */
  unsubscribeUrl: string;
}

/** The address part of MAIL_FROM ("Reviews <reviews@example.com>" or a bare address). */
function senderAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}

/**
 * Sends one email with a unique Message-ID and the List-Unsubscribe headers, and returns the
 * SHA-256 of that Message-ID — what the send log keeps. Errors become MailDeliveryError codes.
 */
export async function sendEmail(email: OutgoingEmail): Promise<{ messageIdHash: string }> {
  const from = senderAddress(getEnv().MAIL_FROM);
  const messageId = `<${randomUUID()}@${from.split("@")[1] ?? "candor.invalid"}>`;
  try {
    await getMailTransport().sendMail({
      from: { name: email.fromName.replace(/[\r\n"]/g, " ").trim(), address: from },
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId,
      headers: {
        "Content-Language": email.language,
        "List-Unsubscribe": `<${email.unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
      },
    });
  } catch (error) {
    const failure = error as { responseCode?: number; code?: string };
    const status = failure.responseCode;
    if (status && status >= 500) throw new MailDeliveryError(true, `smtp_${status}`);
    throw new MailDeliveryError(false, status ? `smtp_${status}` : `smtp_${(failure.code ?? "error").toLowerCase()}`);
  }
  return { messageIdHash: createHash("sha256").update(messageId).digest("hex") };
}
