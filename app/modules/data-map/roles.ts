/**
 * The staff roles of a shop. What each may see of the stored data is declared per field in
 * the data map (`visibleTo`), and what each may do in the permission matrix
 * (`access-control/permissions.ts`); marketing manages campaigns and settings but never sees
 * customer identifiers, review authors or the customer inventory.
 */
export const ROLES = ["owner", "admin", "support", "marketing", "viewer"] as const;

export type Role = (typeof ROLES)[number];

/** One line per role, for the data map and the access review. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "The shop owner: everything, including who else is an owner.",
  admin: "Runs Candor for the shop: settings and retention, reviews, customer data requests, staff roles and API keys.",
  support: "Answers customers: finds, exports and erases one customer's data, moderates reviews.",
  marketing: "Runs review campaigns and settings; sees counts and configuration, never customer data.",
  viewer: "Reads reviews, requests and settings; changes nothing and sees no customer keys.",
};
