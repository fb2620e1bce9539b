import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { emailSchema } from "@/lib/workspaces/schemas";
import { hashPassword, verifyPassword } from "./password";
import { findUserForSignIn } from "./queries";
import { claimSignIn, rateLimitMessage } from "./rate-limit";
import type { SessionUser } from "./types";

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200, "Use at most 200 characters."),
});

let dummyHash: Promise<string> | undefined;

// Unknown emails are verified against this hash so they take as long as known ones.
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummyHash;
}

/**
 * Checks an email and password from a client address (null when unknown, see lib/http/client-address):
 * the user on success, null when they don't match (or the input is malformed); throws
 * AppError("rate_limited") while a sign-in limit holds, even for the right password.
 */
export async function authorizeCredentials(raw: unknown, address: string | null): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = await getDb();
  const claim = await claimSignIn(db, email, address);
  if (!claim.ok) throw new AppError("rate_limited", rateLimitMessage(claim.limit, claim.retryAfterMinutes));

  const user = await findUserForSignIn(email);
  const matches = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !matches) return null;
  await claim.succeeded();
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
