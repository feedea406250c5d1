import { createHash, randomUUID } from "node:crypto";

import { getEnv } from "~/modules/config/get-env.server";

import { senderAddress } from "./sender-address";

/**
 * A unique Message-ID on the sender's domain, and its SHA-256: what the send log keeps, so
 * the attempt can be recorded before the email leaves and matched to a bounce later.
 */
export function createMessageId(): { messageId: string; messageIdHash: string } {
  const domain = senderAddress(getEnv().MAIL_FROM).split("@")[1] ?? "candor.invalid";
  const messageId = `<${randomUUID()}@${domain}>`;
  return { messageId, messageIdHash: createHash("sha256").update(messageId).digest("hex") };
}
