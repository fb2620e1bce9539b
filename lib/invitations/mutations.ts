import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/types";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { ACCOUNT_NOT_CREATED, unusableMessage } from "./messages";
import { invitationState } from "./queries";
import {
  acceptWithNewAccountSchema,
  createInvitationSchema,
  INVITATION_TTL_MS,
  invitationRefSchema,
  invitationTokenSchema,
  type AcceptWithNewAccountInput,
  type CreateInvitationInput,
  type InvitationRefInput,
} from "./schemas";
import { hashToken, newToken } from "./tokens";
import type { InvitationsContext, IssuedInvitation } from "./types";

type Tx = Prisma.TransactionClient;

const NOT_PENDING = "This invitation is no longer pending: it was accepted or revoked. Reload the page to see the current list.";

function assertCanManage(ctx: InvitationsContext): void {
  if (!can(ctx.role, "members.manage")) throw new AppError("forbidden", "You don't have permission to manage members in this workspace.");
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

async function audit(tx: Tx, workspaceId: string, actorId: string, action: string, entityType: string, entityId: string, diff: Prisma.InputJsonObject) {
  await tx.auditLog.create({ data: { workspaceId, actorId, action, entityType, entityId, diff } });
}

function freshLink(now: Date) {
  const token = newToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) };
}

/**
 * Invites an email with a role. The answer is the same whether or not the address has an account
 * (no account is looked up or created); only an existing member of this workspace is refused. An
 * open invitation for the same address is renewed (new link and role; the old link stops working).
 */
export async function createInvitation(ctx: InvitationsContext, input: CreateInvitationInput, now: Date = new Date()): Promise<IssuedInvitation> {
  assertCanManage(ctx);
  const { email, role } = createInvitationSchema.parse(input);
  const db = await getDb();
  const link = freshLink(now);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const member = await tx.membership.count({ where: { workspaceId: ctx.workspaceId, user: { email } } });
      if (member) throw new AppError("conflict", `${email} is already a member of this workspace.`, { email: "Already a member of this workspace." });
      const open = await tx.invitation.findFirst({ where: { workspaceId: ctx.workspaceId, email, acceptedAt: null, revokedAt: null }, select: { id: true } });
      const data = { role, tokenHash: link.tokenHash, expiresAt: link.expiresAt };
      const id = open
        ? (await tx.invitation.update({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: open.id } }, data, select: { id: true } })).id
        : (await tx.invitation.create({ data: { ...data, workspaceId: ctx.workspaceId, email, invitedById: ctx.userId, createdAt: now }, select: { id: true } })).id;
      await audit(tx, ctx.workspaceId, ctx.userId, open ? "invitation.resend" : "invitation.create", "invitation", id, { email, role });
      return { invitationId: id, email, role, token: link.token, expiresAt: link.expiresAt, renewed: Boolean(open) };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    throw new AppError("conflict", `An invitation for ${email} was created at the same moment. Reload the page to see it.`, { email: "Already invited." });
  }
}

/** Issues a new link (and 7 more days) for an open invitation of this workspace; the old link stops working. */
export async function resendInvitation(ctx: InvitationsContext, input: InvitationRefInput, now: Date = new Date()): Promise<IssuedInvitation> {
  assertCanManage(ctx);
  const { invitationId } = invitationRefSchema.parse(input);
  const db = await getDb();
  const link = freshLink(now);
  return db.prisma.$transaction(async (tx) => {
    const open = { workspaceId: ctx.workspaceId, id: invitationId, acceptedAt: null, revokedAt: null };
    const row = await tx.invitation.findFirst({ where: open, select: { email: true, role: true } });
    if (!row) throw new AppError("not_found", NOT_PENDING);
    const updated = await tx.invitation.updateMany({ where: open, data: { tokenHash: link.tokenHash, expiresAt: link.expiresAt } });
    if (updated.count !== 1) throw new AppError("not_found", NOT_PENDING);
    await audit(tx, ctx.workspaceId, ctx.userId, "invitation.resend", "invitation", invitationId, { email: row.email, role: row.role });
    return { invitationId, email: row.email, role: row.role, token: link.token, expiresAt: link.expiresAt, renewed: true };
  });
}

/** Withdraws an open invitation of this workspace: its link stops working at once. */
export async function revokeInvitation(ctx: InvitationsContext, input: InvitationRefInput, now: Date = new Date()): Promise<{ email: string }> {
  assertCanManage(ctx);
  const { invitationId } = invitationRefSchema.parse(input);
  const db = await getDb();
  return db.prisma.$transaction(async (tx) => {
    const open = { workspaceId: ctx.workspaceId, id: invitationId, acceptedAt: null, revokedAt: null };
    const row = await tx.invitation.findFirst({ where: open, select: { email: true, role: true } });
    if (!row) throw new AppError("not_found", NOT_PENDING);
    const updated = await tx.invitation.updateMany({ where: open, data: { revokedAt: now } });
    if (updated.count !== 1) throw new AppError("not_found", NOT_PENDING);
    await audit(tx, ctx.workspaceId, ctx.userId, "invitation.revoke", "invitation", invitationId, { email: row.email, role: row.role });
    return { email: row.email };
  });
}

/** The invitation a token leads to, locked for this transaction's accept; throws the reason it can't be used. */
async function openInvitationOrThrow(tx: Tx, token: string, now: Date) {
  const tokenHash = hashToken(invitationTokenSchema.parse(token));
  const rows = await tx.$queryRaw<{ workspaceId: string; id: string }[]>(Prisma.sql`
    SELECT "workspaceId"::text AS "workspaceId", "id"::text AS "id" FROM "Invitation" WHERE "tokenHash" = ${tokenHash} FOR UPDATE`);
  if (rows.length === 0) throw new AppError("not_found", unusableMessage("unknown")!);
  const inv = await tx.invitation.findUniqueOrThrow({
    where: { workspaceId_id: { workspaceId: rows[0].workspaceId, id: rows[0].id } },
    select: { workspaceId: true, id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { slug: true, name: true } } },
  });
  const message = unusableMessage(invitationState(inv, now), inv.workspace.name);
  if (message) throw new AppError("conflict", message);
  return inv;
}

type OpenInvitation = Awaited<ReturnType<typeof openInvitationOrThrow>>;

async function acceptInTx(tx: Tx, inv: OpenInvitation, user: Pick<SessionUser, "id">, now: Date) {
  await tx.invitation.update({ where: { workspaceId_id: { workspaceId: inv.workspaceId, id: inv.id } }, data: { acceptedAt: now, acceptedById: user.id } });
  const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId: user.id } }, select: { role: true } });
  if (!existing) {
    await tx.membership.create({ data: { workspaceId: inv.workspaceId, userId: user.id, role: inv.role } });
    await audit(tx, inv.workspaceId, user.id, "member.add", "member", user.id, { email: inv.email, role: inv.role, invitationId: inv.id });
  }
  await audit(tx, inv.workspaceId, user.id, "invitation.accept", "invitation", inv.id, { email: inv.email, role: inv.role });
  return { workspaceSlug: inv.workspace.slug, role: existing?.role ?? inv.role, alreadyMember: Boolean(existing) };
}

/**
 * Accepts an invitation as the signed-in user, whose email must be the invited one. Marking it used
 * and adding the membership happen in one transaction, so a link works once.
 */
export async function acceptInvitation(token: string, user: Pick<SessionUser, "id" | "email">, now: Date = new Date()) {
  const db = await getDb();
  return db.prisma.$transaction(async (tx) => {
    const inv = await openInvitationOrThrow(tx, token, now);
    if (inv.email !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${inv.email}, and you are signed in as ${user.email}. Sign out, then open the link again.`);
    }
    return acceptInTx(tx, inv, user, now);
  });
}

/**
 * Creates the invited address's account (name and password; the email is the invitation's) and
 * accepts in the same transaction. An address that already has an account gets ACCOUNT_NOT_CREATED.
 */
export async function createAccountAndAccept(input: AcceptWithNewAccountInput, now: Date = new Date()) {
  const { token, name, password } = acceptWithNewAccountSchema.parse(input);
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  try {
    return await db.prisma.$transaction(async (tx) => {
      const inv = await openInvitationOrThrow(tx, token, now);
      const user = await tx.user.create({ data: { email: inv.email, name, passwordHash }, select: { id: true, email: true, name: true } });
      return { ...(await acceptInTx(tx, inv, user, now)), email: inv.email };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("invalid", ACCOUNT_NOT_CREATED);
    throw e;
  }
}
