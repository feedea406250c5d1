import { describe, expect, it } from "vitest";

import { DATA_MAP_MODELS } from "~/modules/data-map/data-map-registry";
import { ROLES } from "~/modules/data-map/roles";

import { PERMISSIONS, ROLE_PERMISSIONS, roleHasPermission, rolesWithPermission } from "./permissions";

describe("the role → permission matrix", () => {
  it("names only known permissions, each once per role", () => {
    for (const role of ROLES) {
      const held = ROLE_PERMISSIONS[role];
      expect(held.every((permission) => PERMISSIONS.includes(permission))).toBe(true);
      expect(new Set(held).size).toBe(held.length);
    }
  });

  it("gives marketing no customer data, no review content or author and no order list", () => {
    const marketing = ROLE_PERMISSIONS.marketing;
    expect(marketing.filter((permission) => permission.startsWith("customer-data:"))).toEqual([]);
    for (const permission of ["reviews:read", "reviews:read-author", "review-requests:read", "data-requests:read"] as const) {
      expect(roleHasPermission("marketing", permission)).toBe(false);
    }
    expect(roleHasPermission("marketing", "settings:manage")).toBe(true);
  });

  it("lets support look up, export and erase a customer, but not manage settings, roles, keys or retention", () => {
    for (const permission of ["customer-data:lookup", "customer-data:export", "customer-data:erase", "reviews:moderate"] as const) {
      expect(roleHasPermission("support", permission)).toBe(true);
    }
    for (const permission of ["settings:manage", "roles:manage", "api-keys:manage", "retention:manage"] as const) {
      expect(roleHasPermission("support", permission)).toBe(false);
    }
  });

  it("lets only owner and admin manage roles, API keys and retention", () => {
    for (const permission of ["roles:manage", "api-keys:manage", "retention:manage"] as const) {
      expect(rolesWithPermission(permission)).toEqual(["owner", "admin"]);
    }
  });

  it("lets a viewer change nothing", () => {
    const changes = ["reviews:moderate", "customer-data:export", "customer-data:erase", "settings:manage", "retention:manage", "roles:manage", "api-keys:manage"] as const;
    for (const permission of changes) expect(roleHasPermission("viewer", permission)).toBe(false);
    expect(roleHasPermission("viewer", "reviews:read")).toBe(true);
  });

  it("gives every role the admin frame, the overview and the settings to read", () => {
    for (const permission of ["app:open", "overview:read", "settings:read", "data-map:read"] as const) {
      expect(rolesWithPermission(permission)).toEqual([...ROLES]);
    }
  });

  it("gives the owner every permission", () => {
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort());
  });
});

describe("the matrix and the data map's visibleTo say the same", () => {
  const visibleTo = (model: string, field: string) => {
    const entry = DATA_MAP_MODELS.find((candidate) => candidate.name === model)!;
    return [...(entry.fields[field]!.visibleTo ?? entry.visibleTo)];
  };

  it.each([
    ["ReviewRequest", "customerRef", "customer-data:lookup"],
    ["ReviewRequest", "orderId", "review-requests:read"],
    ["Review", "displayName", "reviews:read-author"],
    ["Review", "body", "reviews:read"],
    ["DataRequest", "requestedBy", "data-requests:read"],
    ["StaffMember", "userId", "roles:manage"],
  ] as const)("%s.%s is seen by exactly the roles holding %s", (model, field, permission) => {
    expect(visibleTo(model, field)).toEqual(rolesWithPermission(permission));
  });
});

