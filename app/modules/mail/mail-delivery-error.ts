/**
 * A failed SMTP delivery, described by codes only: SMTP error texts often quote the
 * recipient's address, so they are never kept, logged or stored.
 */
export class MailDeliveryError extends Error {
  constructor(
    /** A 5xx answer: this address will not accept the message; do not retry. */
    readonly permanent: boolean,
    readonly code: string,
  ) {
    super(`mail delivery failed (${code})`);
    this.name = "MailDeliveryError";
  }
}
