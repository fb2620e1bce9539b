import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { PATH_HEADER } from "./paths";
import type { Permission } from "./permissions";
import { resolveContext } from "./resolve";
import type { WorkspaceContext } from "./types";

export type { WorkspaceContext, SessionUser, MyWorkspace } from "./types";
export { getSessionUser } from "./session";
export { listMyWorkspaces } from "./queries";
export { lastWorkspaceSlug, defaultWorkspaceSlug, LAST_WORKSPACE_COOKIE } from "./last-workspace";

/**
 * The workspace context for a page or layout: redirects to sign-in when signed out, 404s when the
 * user is not a member (or the workspace doesn't exist), and sends to the workspace's "no access"
 * page when the role lacks the permission.
 */
export async function requireContext(workspaceSlug: string, permission?: Permission): Promise<WorkspaceContext> {
  const resolved = await resolveContext(workspaceSlug, permission);
  if (resolved.ok) return resolved.ctx;
  if (resolved.reason === "unauthenticated") {
    const current = (await headers()).get(PATH_HEADER);
    const back = current && current.startsWith("/w/") ? current : `/w/${encodeURIComponent(workspaceSlug)}`;
    redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
  }
  if (resolved.reason === "forbidden" && resolved.ctx && permission) {
    redirect(`/w/${resolved.ctx.workspaceSlug}/forbidden?permission=${encodeURIComponent(permission)}`);
  }
  notFound();
}
