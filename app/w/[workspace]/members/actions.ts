"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/action";
import type { WorkspaceContext } from "@/lib/auth/types";
import { appOrigin, deliverInvitation, invitationPath, type Delivery } from "@/lib/invitations/mail";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/invitations/mutations";
import { createInvitationSchema, invitationRefSchema } from "@/lib/invitations/schemas";
import type { IssuedInvitation } from "@/lib/invitations/types";
import { changeMemberRole, removeMember } from "@/lib/members/mutations";
import { changeMemberRoleSchema, removeMemberSchema } from "@/lib/members/schemas";
import type { Role } from "@/lib/auth/permissions";

/** A link just issued, shown once to the admin, and how it was delivered. */
export interface IssuedLink {
  email: string;
  role: Role;
  link: string;
  expiresAt: string;
  delivery: Delivery;
  renewed: boolean;
}

async function issued(ctx: WorkspaceContext, invitation: IssuedInvitation): Promise<IssuedLink> {
  const link = `${await appOrigin()}${invitationPath(invitation.token)}`;
  const delivery = await deliverInvitation(invitation, link, { workspaceName: ctx.workspaceName, inviterName: ctx.userName || ctx.userEmail });
  revalidatePath(`/w/${ctx.workspaceSlug}/members`);
  return { email: invitation.email, role: invitation.role, link, expiresAt: invitation.expiresAt.toISOString(), delivery, renewed: invitation.renewed };
}

/** Invites an email with a role; the answer is the same whether or not the address has an account. */
export const inviteMemberAction = workspaceAction({
  permission: "members.manage",
  schema: createInvitationSchema,
  handler: async (ctx, input) => issued(ctx, await createInvitation(ctx, input)),
});

/** Issues a new link for a pending invitation (e-mailed when SMTP is configured); the old link stops working. */
export const resendInvitationAction = workspaceAction({
  permission: "members.manage",
  schema: invitationRefSchema,
  handler: async (ctx, input) => issued(ctx, await resendInvitation(ctx, input)),
});

/** Withdraws a pending invitation. */
export const revokeInvitationAction = workspaceAction({
  permission: "members.manage",
  schema: invitationRefSchema,
  handler: async (ctx, input) => {
    const { email } = await revokeInvitation(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/members`);
    return { email };
  },
});

/** Changes a member's role; changing your own role sends you on (you may lose this page). */
export const changeMemberRoleAction = workspaceAction({
  permission: "members.manage",
  schema: changeMemberRoleSchema,
  handler: async (ctx, input) => {
    const { changed } = await changeMemberRole(ctx, input);
    const self = input.userId === ctx.userId;
    if (!self) revalidatePath(`/w/${ctx.workspaceSlug}/members`);
    return { changed, self };
  },
});

/** Removes a member; removing yourself leaves the workspace. */
export const removeMemberAction = workspaceAction({
  permission: "members.manage",
  schema: removeMemberSchema,
  handler: async (ctx, input) => {
    const { removedSelf } = await removeMember(ctx, input);
    if (!removedSelf) revalidatePath(`/w/${ctx.workspaceSlug}/members`);
    return { removedSelf };
  },
});
