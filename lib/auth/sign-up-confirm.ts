import "server-only";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashToken, newToken, TOKEN_PATTERN } from "@/lib/invitations/tokens";
import { sendMail } from "@/lib/mail/mailer";
import { hashPassword } from "./password";
import type { SignUpData, SignUpOutcome } from "./sign-up";

/** How long a sign-up confirmation link works. */
export const SIGN_UP_TTL_MS = 24 * 60 * 60 * 1000;

const MAIL_FAILED = "We could not send the e-mail to finish signing up. Nothing was created; try again in a few minutes.";
const LINK_UNUSABLE = "This confirmation link is not valid or has expired (links work for 24 hours, once). Sign up again to get a new one.";

/**
 * With SMTP: stores the sign-up (password hashed, token hashed, 24 h) and e-mails its confirmation
 * link to a new address, or e-mails a registered address a sign-in reminder instead. Both take a
 * password hash and one e-mail, and answer the same.
 */
export async function requestSignUpByMail(db: Db, data: SignUpData, origin: string, now: Date): Promise<SignUpOutcome> {
  const passwordHash = await hashPassword(data.password);
  const registered = (await db.prisma.user.count({ where: { email: data.email } })) > 0;
  let sent: boolean;
  if (registered) {
    sent = await sendMail({
      to: data.email,
      subject: "You already have a Segmenta account",
      text: [
        "Someone, hopefully you, tried to create a Segmenta account with this address. You already have one, so nothing was created.",
        "",
        `Sign in here: ${origin}/login`,
        "If you don't remember your password, reset it from the sign-in page or ask an admin of your workspace for a reset link.",
        "",
        "If this wasn't you, you can ignore this message.",
      ].join("\n"),
    });
  } else {
    const token = newToken();
    await db.prisma.$transaction([
      db.prisma.pendingSignUp.deleteMany({ where: { OR: [{ email: data.email }, { expiresAt: { lt: now } }] } }),
      db.prisma.pendingSignUp.create({
        data: {
          email: data.email,
          name: data.name,
          passwordHash,
          workspaceName: data.workspaceName,
          slug: data.slug,
          timeZone: data.timeZone,
          tokenHash: hashToken(token),
          createdAt: now,
          expiresAt: new Date(now.getTime() + SIGN_UP_TTL_MS),
        },
      }),
    ]);
    sent = await sendMail({
      to: data.email,
      subject: "Confirm your Segmenta sign-up",
      text: [
        `Confirm your address to create your account and the workspace "${data.workspaceName}":`,
        "",
        `${origin}/signup/confirm/${token}`,
        "",
        "The link works once, for 24 hours. If you didn't sign up, ignore this message: nothing is created.",
      ].join("\n"),
    });
  }
  if (!sent) throw new AppError("timeout", MAIL_FAILED);
  return { status: "check-inbox", email: data.email };
}

function uniqueTarget(e: unknown): string | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2002") return null;
  return JSON.stringify(e.meta ?? {});
}

/**
 * Opens a confirmation link: creates the account and its workspace (with the account as admin) from
 * the stored sign-up, once. The address's owner proved it, so a taken address or email is said plainly.
 */
export async function confirmSignUp(token: string, now: Date = new Date()): Promise<{ email: string; slug: string }> {
  if (!TOKEN_PATTERN.test(token)) throw new AppError("not_found", LINK_UNUSABLE);
  const db = await getDb();
  try {
    return await db.prisma.$transaction(async (tx) => {
      const pending = await tx.pendingSignUp.findUnique({ where: { tokenHash: hashToken(token) } });
      if (!pending || pending.expiresAt <= now) throw new AppError("not_found", LINK_UNUSABLE);
      const claimed = await tx.pendingSignUp.deleteMany({ where: { id: pending.id } });
      if (claimed.count !== 1) throw new AppError("not_found", LINK_UNUSABLE);
      if (await tx.user.count({ where: { email: pending.email } })) {
        throw new AppError("conflict", "This address already has a Segmenta account. Sign in with it instead.");
      }
      if (await tx.workspace.count({ where: { slug: pending.slug } })) {
        throw new AppError("conflict", `The workspace address "${pending.slug}" was taken in the meantime. Sign up again with another address.`);
      }
      const user = await tx.user.create({ data: { email: pending.email, name: pending.name, passwordHash: pending.passwordHash }, select: { id: true } });
      const workspace = await tx.workspace.create({ data: { slug: pending.slug, name: pending.workspaceName, timeZone: pending.timeZone }, select: { id: true, slug: true } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "admin" } });
      return { email: pending.email, slug: workspace.slug };
    });
  } catch (e) {
    if (uniqueTarget(e)) throw new AppError("conflict", "This account or workspace was created at the same moment. Sign in, or sign up again with another workspace address.");
    throw e;
  }
}
