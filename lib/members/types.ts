import type { Role } from "@/lib/auth/permissions";
import type { WorkspaceContext } from "@/lib/auth/types";

/** What the members functions need from the request's context: the workspace, the acting user and their role. */
export type MembersContext = Pick<WorkspaceContext, "workspaceId" | "userId" | "role">;

/** One member as shown on the members page. */
export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}
