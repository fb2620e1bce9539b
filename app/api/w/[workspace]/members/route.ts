import { readJson, workspaceRoute } from "@/lib/auth/route";
import { appOrigin, deliverInvitation, invitationPath } from "@/lib/invitations/mail";
import { createInvitation } from "@/lib/invitations/mutations";
import { createInvitationSchema } from "@/lib/invitations/schemas";
import { listMembers } from "@/lib/members/queries";

/** The workspace's members (admins only). */
export const GET = workspaceRoute(
  async (ctx) => {
    const members = await listMembers(ctx);
    return Response.json({ members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })) });
  },
  { permission: "members.manage" },
);

/**
 * Invites { email, role } (admins only): answers the one-time accept link, the same way whether or
 * not the address has an account. Nobody joins until they accept.
 */
export const POST = workspaceRoute(
  async (ctx, req) => {
    const input = await readJson(req, createInvitationSchema);
    const invitation = await createInvitation(ctx, input);
    const link = `${await appOrigin(req)}${invitationPath(invitation.token)}`;
    const delivery = await deliverInvitation(invitation, link, { workspaceName: ctx.workspaceName, inviterName: ctx.userName || ctx.userEmail });
    return Response.json(
      { invitationId: invitation.invitationId, email: invitation.email, role: invitation.role, link, expiresAt: invitation.expiresAt.toISOString(), delivery },
      { status: 201 },
    );
  },
  { permission: "members.manage" },
);
