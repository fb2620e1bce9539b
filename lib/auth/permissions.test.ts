import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, permissionsOf, roleWithArticle, ROLES } from "./permissions";

const WRITES = PERMISSIONS.filter((p) => !p.endsWith(".read"));

describe("permissions", () => {
  it("gives admins every permission", () => {
    for (const p of PERMISSIONS) expect(can("admin", p)).toBe(true);
  });

  it("gives viewers read permissions only", () => {
    expect(permissionsOf("viewer")).toEqual(["workspace.read", "customers.read", "segments.read"]);
    for (const p of WRITES) expect(can("viewer", p)).toBe(false);
  });

  it("lets editors change customers and segments but not run the workspace", () => {
    for (const p of ["customers.write", "customers.import", "customers.export", "segments.write"] as const) expect(can("editor", p)).toBe(true);
    for (const p of ["members.manage", "fields.manage", "apikeys.manage", "audit.read", "settings.manage", "jobs.manage", "webhooks.manage"] as const) expect(can("editor", p)).toBe(false);
  });

  it("keeps erasing customers for admins: editors import and edit, but cannot erase anyone for good", () => {
    expect(can("admin", "customers.erase")).toBe(true);
    expect(can("editor", "customers.erase")).toBe(false);
    expect(can("viewer", "customers.erase")).toBe(false);
    expect(ROLES.filter((r) => can(r, "customers.erase"))).toEqual(["admin"]);
  });

  it("nests the roles: whatever a viewer may do an editor may, and whatever an editor may an admin may", () => {
    for (const p of PERMISSIONS) {
      if (can("viewer", p)) expect(can("editor", p)).toBe(true);
      if (can("editor", p)) expect(can("admin", p)).toBe(true);
    }
    expect(ROLES).toEqual(["admin", "editor", "viewer"]);
  });

  it("lets every role read the workspace", () => {
    for (const r of ROLES) expect(can(r, "workspace.read")).toBe(true);
  });
});

describe("roleWithArticle", () => {
  it("uses the right article", () => {
    expect(ROLES.map(roleWithArticle)).toEqual(["an Admin", "an Editor", "a Viewer"]);
  });
});
