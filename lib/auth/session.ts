import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { z } from "zod";
import { authOptions } from "./options";
import { getUserById } from "./queries";
import type { SessionUser } from "./types";

/** The signed-in user for this request (read once per request), or null when signed out or the account is gone. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = z.uuid().safeParse(session?.user?.id);
  if (!id.success) return null;
  return getUserById(id.data);
});
