import type { Permission } from "~/modules/access-control/permissions";

/** What an API key can be given: the permissions the `/api/v1/` endpoints check, nothing of the admin. */
export const API_KEY_PERMISSIONS = [
  "customer-data:lookup",
  "customer-data:export",
  "customer-data:erase",
  "data-requests:read",
  "data-map:read",
] as const satisfies readonly Permission[];

export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

export const API_KEY_PERMISSION_LABELS: Record<ApiKeyPermission, string> = {
  "customer-data:lookup": "Look up one customer's records (inventory)",
  "customer-data:export": "Export one customer's records",
  "customer-data:erase": "Erase one customer's records",
  "data-requests:read": "Read the data-request register",
  "data-map:read": "Read the data map",
};

export const API_KEY_MAX_DAYS = 365;
