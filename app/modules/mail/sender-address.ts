/** The address part of MAIL_FROM ("Reviews <reviews@example.com>" or a bare address). */
export function senderAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}
