import "server-only";
import { getDb } from "@/lib/db/client";
import type { Role } from "./permissions";
import type { MyWorkspace, SessionUser } from "./types";

/** The user with this id, or null when the account no longer exists. */
export async function getUserById(userId: string): Promise<SessionUser | null> {
  const db = await getDb();
  return db.prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, sessionVersion: true } });
}

/** The user with this (lower-case) email and the password hash, for sign-in only. */
export async function findUserForSignIn(email: string): Promise<(SessionUser & { passwordHash: string }) | null> {
  const db = await getDb();
  return db.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, sessionVersion: true, passwordHash: true } });
}

/** True when an account with this (lower-case) email exists. */
export async function userExists(email: string): Promise<boolean> {
  const db = await getDb();
  return (await db.prisma.user.count({ where: { email } })) > 0;
}

/** The user's membership in the workspace with this slug, or null when there is none (or no such workspace). */
export async function findMembershipBySlug(
  userId: string,
  slug: string,
): Promise<{ workspaceId: string; workspaceSlug: string; workspaceName: string; timeZone: string; role: Role } | null> {
  const db = await getDb();
  const row = await db.prisma.membership.findFirst({
    where: { userId, workspace: { slug } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true, timeZone: true } } },
  });
  if (!row) return null;
  const { workspace } = row;
  return { workspaceId: workspace.id, workspaceSlug: workspace.slug, workspaceName: workspace.name, timeZone: workspace.timeZone, role: row.role };
}

/** The workspaces the user belongs to, by name, for the switcher. */
export async function listMyWorkspaces(userId: string): Promise<MyWorkspace[]> {
  const db = await getDb();
  const rows = await db.prisma.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { slug: true, name: true } } },
    orderBy: [{ workspace: { name: "asc" } }, { workspace: { slug: "asc" } }],
  });
  return rows.map((r) => ({ slug: r.workspace.slug, name: r.workspace.name, role: r.role }));
}
