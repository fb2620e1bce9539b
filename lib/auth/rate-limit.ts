import "server-only";
import type { Db } from "@/lib/db/client";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_SIGN_INS = 10;
const KEEP_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

export type SignInClaim = { ok: true; attemptId: bigint } | { ok: false; retryAfterMinutes: number };

/**
 * Claims a sign-in attempt for an email: records it as failed before the password is checked (so
 * parallel guesses count against each other) and refuses it when the email already has
 * MAX_FAILED_SIGN_INS failures in the window since its last success. A refused attempt is not
 * recorded, so the lock ends when the message says.
 */
export async function claimSignInAttempt(db: Db, email: string, now: Date = new Date()): Promise<SignInClaim> {
  const attempts = db.prisma.signInAttempt;
  await attempts.deleteMany({ where: { email, createdAt: { lt: new Date(now.getTime() - KEEP_ATTEMPTS_MS) } } });
  const own = await attempts.create({ data: { email, succeeded: false, createdAt: now }, select: { id: true } });

  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const lastSuccess = await attempts.findFirst({
    where: { email, succeeded: true, createdAt: { gte: windowStart } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const failures = await attempts.findMany({
    where: { email, succeeded: false, createdAt: { gte: windowStart }, id: { not: own.id, gt: lastSuccess?.id ?? BigInt(0) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_FAILED_SIGN_INS,
    select: { createdAt: true },
  });
  if (failures.length < MAX_FAILED_SIGN_INS) return { ok: true, attemptId: own.id };

  await attempts.deleteMany({ where: { id: own.id } });
  const oldest = failures[failures.length - 1].createdAt.getTime();
  const retryAfterMinutes = Math.max(1, Math.ceil((oldest + SIGN_IN_WINDOW_MS - now.getTime()) / 60_000));
  return { ok: false, retryAfterMinutes };
}

/** Marks a claimed attempt as a success, which starts the email's failure count afresh. */
export async function markSignInSucceeded(db: Db, attemptId: bigint): Promise<void> {
  await db.prisma.signInAttempt.updateMany({ where: { id: attemptId }, data: { succeeded: true } });
}

/** The message shown when an email is locked. */
export function rateLimitMessage(minutes: number): string {
  return `Too many failed sign-in attempts for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
