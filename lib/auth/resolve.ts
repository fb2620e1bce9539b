import "server-only";
import { cache } from "react";
import { slugSchema } from "@/lib/workspaces/schemas";
import { can, type Permission } from "./permissions";
import { findMembershipBySlug } from "./queries";
import { getSessionUser } from "./session";
import type { WorkspaceContext } from "./types";

export type ContextResolution =
  | { ok: true; ctx: WorkspaceContext }
  | { ok: false; reason: "unauthenticated" | "not_found" | "forbidden"; ctx?: WorkspaceContext };

// Layout and page of one request both ask; the database is read once.
const loadContext = cache(async (slug: string): Promise<ContextResolution> => {
  const user = await getSessionUser();
  if (!user) return { ok: false, reason: "unauthenticated" };
  const parsedSlug = slugSchema.safeParse(slug);
  if (!parsedSlug.success) return { ok: false, reason: "not_found" };
  const membership = await findMembershipBySlug(user.id, parsedSlug.data);
  // No membership and no such workspace look the same: other workspaces stay invisible.
  if (!membership) return { ok: false, reason: "not_found" };
  return { ok: true, ctx: { ...membership, userId: user.id, userEmail: user.email, userName: user.name } };
});

/** Session → membership → permission, without redirecting: the shared core of requireContext, workspaceAction and workspaceRoute. */
export async function resolveContext(slug: string, permission?: Permission): Promise<ContextResolution> {
  const resolved = await loadContext(slug);
  if (!resolved.ok || !permission || can(resolved.ctx.role, permission)) return resolved;
  return { ok: false, reason: "forbidden", ctx: resolved.ctx };
}
