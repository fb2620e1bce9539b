import { z } from "zod";
import { roleSchema } from "@/lib/workspaces/schemas";

/** A member's role in one workspace. */
export type Role = z.infer<typeof roleSchema>;

/** Every permission the app checks. Adding one means deciding here which roles get it. */
export const PERMISSIONS = [
  "workspace.read",
  "customers.read",
  "customers.write",
  "customers.import",
  "customers.export",
  "customers.erase",
  "fields.manage",
  "segments.read",
  "segments.write",
  "members.manage",
  "apikeys.manage",
  "webhooks.manage",
  "audit.read",
  "settings.manage",
  "jobs.manage",
] as const;

export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

const VIEWER: readonly Permission[] = ["workspace.read", "customers.read", "segments.read"];
const EDITOR: readonly Permission[] = [...VIEWER, "customers.write", "customers.import", "customers.export", "segments.write"];

// DESIGN.md §1: viewers read, editors change customers and segments, admins also run the workspace.
// Erasing a customer (right to erasure: the profile, orders and events, for good) is an admin's
// decision, not part of an editor's "import and edit": editors have no customers.erase.
const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  editor: new Set(EDITOR),
  viewer: new Set(VIEWER),
};

/** True when the role grants the permission; the UI and the server both ask this. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** All permissions of a role, in the order of PERMISSIONS. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].has(p));
}

export const ROLES: readonly Role[] = ["admin", "editor", "viewer"];

export const ROLE_LABELS: Readonly<Record<Role, string>> = { admin: "Admin", editor: "Editor", viewer: "Viewer" };

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: "Everything, plus erasing customers for good, members, custom fields, API keys, webhooks, the audit log and background jobs.",
  editor: "Imports and edits customers (erasing is for admins); builds, saves and exports segments.",
  viewer: "Browses customers, segments and dashboards; cannot change anything.",
};

/** What a missing permission stops someone from doing, for "you don't have access" messages. */
export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  "workspace.read": "open this workspace",
  "customers.read": "view customers",
  "customers.write": "edit customers",
  "customers.import": "import customers",
  "customers.export": "export customers",
  "customers.erase": "erase customers",
  "fields.manage": "manage custom fields",
  "segments.read": "view segments",
  "segments.write": "change segments",
  "members.manage": "manage members",
  "apikeys.manage": "manage API keys",
  "webhooks.manage": "manage webhooks",
  "audit.read": "read the audit log",
  "settings.manage": "change workspace settings",
  "jobs.manage": "manage background jobs",
};

/** "an Admin", "an Editor", "a Viewer": the role's label with its article, for sentences. */
export function roleWithArticle(role: Role): string {
  const label = ROLE_LABELS[role];
  return `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label}`;
}
