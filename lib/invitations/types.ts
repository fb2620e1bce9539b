import type { Role } from "@/lib/auth/permissions";
import type { WorkspaceContext } from "@/lib/auth/types";

/** What the invitation functions need from the request's context: the workspace, the acting user and their role. */
export type InvitationsContext = Pick<WorkspaceContext, "workspaceId" | "userId" | "role">;

/** An open invitation as the members page lists it; "expired" ones can still be resent or revoked. */
export interface PendingInvitationRow {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  status: "pending" | "expired";
}

/** Why a link cannot be used, or "open" when it can. */
export type InvitationState = "open" | "expired" | "revoked" | "accepted";

/** What the accept page may show to whoever holds the link. */
export interface InvitationLinkView {
  workspaceName: string;
  workspaceSlug: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: Date;
  state: InvitationState;
}

/** A link just issued: the token is returned once and never stored. */
export interface IssuedInvitation {
  invitationId: string;
  email: string;
  role: Role;
  token: string;
  expiresAt: Date;
  /** True when an open invitation for this address existed and was renewed instead. */
  renewed: boolean;
}
