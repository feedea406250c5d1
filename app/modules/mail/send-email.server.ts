import { getEnv } from "~/modules/config/get-env.server";

import { getMailTransport } from "./get-mail-transport.server";
import { MailDeliveryError } from "./mail-delivery-error";
import { senderAddress } from "./sender-address";

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
  /** Unique per email (`createMessageId`). */
  messageId: string;
}

/**
 * Sends one email with its Message-ID and the List-Unsubscribe headers. Errors become
 * MailDeliveryError codes, never the server's text (which may quote the address).
 */
export async function sendEmail(email: OutgoingEmail): Promise<void> {
  const from = senderAddress(getEnv().MAIL_FROM);
  try {
    await getMailTransport().sendMail({
      from: { name: email.fromName.replace(/[\r\n"]/g, " ").trim(), address: from },
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      // Quoted-printable, as nodemailer would choose for Latin-script text anyway; named here
      // so that it does not count every letter of each message to choose (5% of the worker's
      // time per email, measured).
      textEncoding: "quoted-printable",
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
}
