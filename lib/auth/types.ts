import type { Role } from "./permissions";

/** Who is asking, in which workspace, with which role: made once per request by requireContext / workspaceAction. */
export interface WorkspaceContext {
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  timeZone: string;
  userId: string;
  userEmail: string;
  userName: string;
  role: Role;
}

/** The signed-in user, read from the database on each request (a deleted user is signed out). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** Raised by a password change or reset; a session token carrying an older one is signed out. */
  sessionVersion: number;
}

/** One entry of the workspace switcher. */
export interface MyWorkspace {
  slug: string;
  name: string;
  role: Role;
}
