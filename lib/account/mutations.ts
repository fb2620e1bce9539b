import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/permissions";
import { claimSignIn, claimForgotPassword, rateLimitMessage } from "@/lib/auth/rate-limit";
import type { WorkspaceContext } from "@/lib/auth/types";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isMailConfigured, sendMail } from "@/lib/mail/mailer";
import { changePasswordSchema, forgotPasswordSchema, issueResetLinkSchema, resetPasswordSchema, type ChangePasswordInput, type ResetPasswordInput } from "./schemas";
import { hashResetToken, newResetToken, resetPath, RESET_LINK_TTL_MS } from "./tokens";

type Tx = Prisma.TransactionClient;

/** One audit row in every workspace the user belongs to: a password concerns all of them. */
async function auditInAllWorkspaces(tx: Tx, userId: string, action: "user.password_change" | "user.password_reset"): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { workspaceId: true } });
  if (memberships.length === 0) return;
  await tx.auditLog.createMany({ data: memberships.map((m) => ({ workspaceId: m.workspaceId, actorId: userId, action, entityType: "user", entityId: userId, diff: {} })) });
}

/** Sets a new password and raises the session version (every older session token is signed out); outstanding reset links stop working. */
async function setPassword(tx: Tx, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

/**
 * Changes the signed-in user's password. The current one is checked like a sign-in (same limits, so a
 * left-open session cannot be used to guess it); other sessions are signed out by the new session version.
 */
export async function changePassword(userId: string, input: ChangePasswordInput, address: string | null): Promise<{ email: string }> {
  const { currentPassword, newPassword } = changePasswordSchema.parse(input);
  const db = await getDb();
  const user = await db.prisma.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  const claim = await claimSignIn(db, user.email, address);
  if (!claim.ok) throw new AppError("rate_limited", rateLimitMessage(claim.limit, claim.retryAfterMinutes));
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("invalid", "Your current password is not right.", { currentPassword: "This is not your current password." });
  }
  await claim.succeeded();
  const passwordHash = await hashPassword(newPassword);
  await db.prisma.$transaction(async (tx) => {
    await setPassword(tx, userId, passwordHash, new Date());
    await auditInAllWorkspaces(tx, userId, "user.password_change");
  });
  return { email: user.email };
}

export interface IssuedResetLink {
  path: string;
  expiresAt: Date;
  email: string;
  /** True when SMTP is configured and the message went out. */
  emailed: boolean;
}

/**
 * An admin issues a one-time reset link (valid 1 h) for another member of their workspace. Only the
 * token's hash is stored; the link is returned once, and e-mailed to the member when SMTP is set up.
 */
export async function issueResetLink(ctx: WorkspaceContext, input: { userId: string }, origin: string): Promise<IssuedResetLink> {
  if (!can(ctx.role, "members.manage")) throw new AppError("forbidden", "You don't have permission to manage members in this workspace.");
  const { userId } = issueResetLinkSchema.parse(input);
  if (userId === ctx.userId) throw new AppError("invalid", "Change your own password on your account page.");
  const db = await getDb();
  const { token, tokenHash } = newResetToken();
  const expiresAt = new Date(Date.now() + RESET_LINK_TTL_MS);
  const email = await db.prisma.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } }, select: { user: { select: { email: true } } } });
    if (!member) throw new AppError("not_found", "This person is not a member of this workspace (they may have been removed already).");
    await tx.passwordResetToken.create({ data: { userId, tokenHash, expiresAt } });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.userId, action: "member.reset_link", entityType: "member", entityId: userId, diff: { expiresAt: expiresAt.toISOString() } },
    });
    return member.user.email;
  });
  const path = resetPath(token);
  let emailed = false;
  if (isMailConfigured()) {
    emailed = await sendMail({
      to: email,
      subject: `Reset your Segmenta password`,
      text: `${ctx.userName} (${ctx.userEmail}), an admin of the workspace "${ctx.workspaceName}", created a link for you to set a new Segmenta password:\n\n${origin}${path}\n\nThe link works once, for one hour. If you did not ask for it, you can ignore this message; your password stays as it is.`,
    });
  }
  return { path, expiresAt, email, emailed };
}

export type ResetTokenState = { status: "valid"; email: string; expiresAt: Date } | { status: "used" | "expired" | "unknown" };

/** What a reset link is good for right now (the page says so before anyone types a password). */
export async function describeResetToken(token: string, now: Date = new Date()): Promise<ResetTokenState> {
  const db = await getDb();
  const row = await db.prisma.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true } } } });
  if (!row) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "valid", email: row.user.email, expiresAt: row.expiresAt };
}

const TOKEN_MESSAGES = {
  unknown: "This reset link is not valid. Ask an admin of your workspace for a new one, or use \"Forgot password\" again.",
  used: "This reset link has already been used. Ask for a new one if you still need to set a password.",
  expired: "This reset link has expired (links work for one hour). Ask for a new one.",
} as const;

/** The message for a link that cannot be used. */
export function resetTokenMessage(status: keyof typeof TOKEN_MESSAGES): string {
  return TOKEN_MESSAGES[status];
}

/**
 * Sets a new password through a reset link: the link is claimed atomically (one use), the password
 * set, every session signed out, and `user.password_reset` written in each of the user's workspaces.
 * A used, expired or unknown link changes nothing.
 */
export async function resetPasswordWithToken(input: ResetPasswordInput, now: Date = new Date()): Promise<{ email: string }> {
  const { token, newPassword } = resetPasswordSchema.parse(input);
  const tokenHash = hashResetToken(token);
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  return db.prisma.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { email: true } } } });
    if (!row) throw new AppError("not_found", TOKEN_MESSAGES.unknown);
    if (row.usedAt) throw new AppError("conflict", TOKEN_MESSAGES.used);
    if (row.expiresAt <= now) throw new AppError("invalid", TOKEN_MESSAGES.expired);
    // The claim is the guard: of two parallel uses, one updates the row and the other finds it used.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError("conflict", TOKEN_MESSAGES.used);
    await setPassword(tx, row.userId, passwordHash, now);
    await auditInAllWorkspaces(tx, row.userId, "user.password_reset");
    return { email: row.user.email };
  });
}

export type ForgotPasswordOutcome = { status: "mail_not_configured" } | { status: "accepted" } | { status: "rate_limited"; retryAfterMinutes: number };

/**
 * Self-service reset: with SMTP configured, e-mails a one-time 1 h link when an account exists and
 * answers the same either way (the answer never tells whether the address has an account). Limited
 * per client address and per email asked about.
 */
export async function requestPasswordReset(input: { email: string }, address: string | null, origin: string): Promise<ForgotPasswordOutcome> {
  if (!isMailConfigured()) return { status: "mail_not_configured" };
  const { email } = forgotPasswordSchema.parse(input);
  const db = await getDb();
  const wait = await claimForgotPassword(db, email, address);
  if (wait !== null) return { status: "rate_limited", retryAfterMinutes: wait };
  const user = await db.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (user) {
    const { token, tokenHash } = newResetToken();
    await db.prisma.passwordResetToken.create({ data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_LINK_TTL_MS) } });
    // Not awaited: the answer must not take longer when an account exists.
    void sendMail({
      to: email,
      subject: "Reset your Segmenta password",
      text: `Someone (hopefully you) asked to reset the Segmenta password for ${email}. Set a new one here:\n\n${origin}${resetPath(token)}\n\nThe link works once, for one hour. If it was not you, ignore this message; your password stays as it is.`,
    });
  }
  return { status: "accepted" };
}
