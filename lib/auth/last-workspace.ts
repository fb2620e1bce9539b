import "server-only";
import { cookies } from "next/headers";
import { slugSchema } from "@/lib/workspaces/schemas";
import { LAST_WORKSPACE_COOKIE } from "./workspace-cookie";
import { listMyWorkspaces } from "./queries";

export { LAST_WORKSPACE_COOKIE };

/** The slug of the workspace this browser last opened (a hint only: membership is not checked). */
export async function lastWorkspaceSlug(): Promise<string | null> {
  const parsed = slugSchema.safeParse((await cookies()).get(LAST_WORKSPACE_COOKIE)?.value);
  return parsed.success ? parsed.data : null;
}

/** Where "/" should send this user: the last workspace if still a member, else the first by name, else null. */
export async function defaultWorkspaceSlug(userId: string): Promise<string | null> {
  const [last, mine] = await Promise.all([lastWorkspaceSlug(), listMyWorkspaces(userId)]);
  if (last && mine.some((w) => w.slug === last)) return last;
  return mine[0]?.slug ?? null;
}
