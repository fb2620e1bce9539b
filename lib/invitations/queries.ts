import "server-only";
import { getDb } from "@/lib/db/client";
import { invitationTokenSchema } from "./schemas";
import { hashToken } from "./tokens";
import type { InvitationLinkView, InvitationState, InvitationsContext, PendingInvitationRow } from "./types";

/** The workspace's open invitations (neither accepted nor revoked), newest first; expired ones are marked. */
export async function listPendingInvitations(ctx: InvitationsContext, now: Date = new Date()): Promise<PendingInvitationRow[]> {
  const db = await getDb();
  const rows = await db.prisma.invitation.findMany({
    where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "desc" }, { email: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    invitedBy: r.invitedBy ? r.invitedBy.name || r.invitedBy.email : null,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    status: r.expiresAt > now ? "pending" : "expired",
  }));
}

/** The state of a stored invitation at `now`. */
export function invitationState(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt > now ? "open" : "expired";
}

/** What an invitation link leads to, or null when the token matches no invitation (never issued, or replaced by a resend). */
export async function getInvitationByToken(token: string, now: Date = new Date()): Promise<InvitationLinkView | null> {
  if (!invitationTokenSchema.safeParse(token).success) return null;
  const db = await getDb();
  const row = await db.prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { name: true, slug: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
  if (!row) return null;
  return {
    workspaceName: row.workspace.name,
    workspaceSlug: row.workspace.slug,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy ? row.invitedBy.name || row.invitedBy.email : null,
    expiresAt: row.expiresAt,
    state: invitationState(row, now),
  };
}
