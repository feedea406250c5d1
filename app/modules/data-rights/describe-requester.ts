/**
 * Who asked for a data request, as stored ("shopify", "staff:<Shopify user id>", "staff"), in
 * words for the admin. The register keeps ids, never a name or email.
 */
export function describeRequester(requestedBy: string | null | undefined): string {
  if (!requestedBy) return "—";
  if (requestedBy === "shopify") return "Shopify (compliance webhook)";
  if (requestedBy === "staff") return "A staff member";
  const staff = /^staff:(.+)$/.exec(requestedBy);
  return staff ? `Staff member ${staff[1]}` : requestedBy;
}
