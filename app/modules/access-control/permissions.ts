import { ROLES, type Role } from "~/modules/data-map/roles";

/**
 * What a staff member (or, later, an API key) may do, as `area:verb` strings. The matrix
 * below is the one place that says which role holds which permission; routes name the
 * permission they need (see `RoutePermissions`) and the guard looks it up here.
 *
 * Pure: no I/O.
 */
export const PERMISSIONS = [
  /** Open the embedded admin at all (its frame and navigation). */
  "app:open",
  /** Counts and charts of the overview: no customer, order or review content. */
  "overview:read",
  /** The review-request list: order ids and products (pseudonymous customer data). */
  "review-requests:read",
  /** Reviews as written: rating, title and text. */
  "reviews:read",
  /** The name a reviewer chose to show with their review. */
  "reviews:read-author",
  /** Publish or reject reviews. */
  "reviews:moderate",
  /** Find one customer's records (by customer id, email or order id) and see them. */
  "customer-data:lookup",
  /** Download one customer's records (an answered access request). */
  "customer-data:export",
  /** Erase one customer's records. */
  "customer-data:erase",
  /** The data-request register. */
  "data-requests:read",
  /** The data map: which fields Candor keeps, why and how long (no values). */
  "data-map:read",
  /** The shop's settings as configured. */
  "settings:read",
  /** Campaign settings: when and how review requests go out, the email templates, moderation rules. */
  "settings:manage",
  /** How long each kind of record is kept. */
  "retention:manage",
  /** Who on the staff holds which role. */
  "roles:manage",
  /** API keys for callers outside the admin. */
  "api-keys:manage",
  /** The security self-audit: keys, their age, encrypted connections, scopes. */
  "security-audit:read",
  /** The audit log: who viewed, exported or erased customer data, changed roles, keys or settings. */
  "audit-log:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ_WITHOUT_CUSTOMER_DATA = ["app:open", "overview:read", "data-map:read", "settings:read"] as const satisfies readonly Permission[];
const READ_ORDERS_AND_REVIEWS = ["review-requests:read", "reviews:read", "reviews:read-author"] as const satisfies readonly Permission[];
const ANSWER_CUSTOMERS = [
  "reviews:moderate",
  "customer-data:lookup",
  "customer-data:export",
  "customer-data:erase",
  "data-requests:read",
] as const satisfies readonly Permission[];
const ADMINISTER = ["settings:manage", "retention:manage", "roles:manage", "api-keys:manage", "security-audit:read", "audit-log:read"] as const satisfies readonly Permission[];

/**
 * The role → permission matrix. Marketing runs campaigns and settings but never sees a
 * customer identifier, an order, a review's text or author, or the customer inventory (the
 * data map's `visibleTo` says the same per field); support answers customers; only owner and
 * admin manage roles, keys and retention; viewer changes nothing.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: [...READ_WITHOUT_CUSTOMER_DATA, ...READ_ORDERS_AND_REVIEWS, ...ANSWER_CUSTOMERS, ...ADMINISTER],
  admin: [...READ_WITHOUT_CUSTOMER_DATA, ...READ_ORDERS_AND_REVIEWS, ...ANSWER_CUSTOMERS, ...ADMINISTER],
  support: [...READ_WITHOUT_CUSTOMER_DATA, ...READ_ORDERS_AND_REVIEWS, ...ANSWER_CUSTOMERS],
  marketing: [...READ_WITHOUT_CUSTOMER_DATA, "settings:manage"],
  viewer: [...READ_WITHOUT_CUSTOMER_DATA, ...READ_ORDERS_AND_REVIEWS],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles holding a permission, in the order of ROLES. */
export function rolesWithPermission(permission: Permission): Role[] {
  return ROLES.filter((role) => roleHasPermission(role, permission));
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}
