import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { z } from "zod";
import { authOptions } from "./options";
import { getUserById } from "./queries";
import type { SessionUser } from "./types";

/**
 * The signed-in user for this request (read once per request), or null when signed out, the account
 * is gone, or the token predates a password change or reset (its session version is older).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = z.uuid().safeParse(session?.user?.id);
  if (!id.success) return null;
  const user = await getUserById(id.data);
  if (!user || !sessionIsCurrent(session?.user?.sessionVersion, user.sessionVersion)) return null;
  return user;
});

/** Whether a token's session version still holds for the user's current one (tokens from before this field carry none: version 0). */
export function sessionIsCurrent(tokenVersion: number | undefined, userVersion: number): boolean {
  return (tokenVersion ?? 0) === userVersion;
}
