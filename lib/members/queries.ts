import "server-only";
import { getDb } from "@/lib/db/client";
import { memberIdSchema } from "./schemas";
import type { MemberRow, MembersContext } from "./types";

const memberSelect = {
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { name: true, email: true } },
} as const;

type SelectedMember = { userId: string; role: MemberRow["role"]; createdAt: Date; user: { name: string; email: string } };

function toRow(m: SelectedMember): MemberRow {
  return { userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt };
}

/** The workspace's members, admins first, then by name. */
export async function listMembers(ctx: MembersContext): Promise<MemberRow[]> {
  const db = await getDb();
  const rows = await db.prisma.membership.findMany({
    where: { workspaceId: ctx.workspaceId },
    select: memberSelect,
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }, { user: { email: "asc" } }],
  });
  return rows.map(toRow);
}

/** One member of the workspace by user id, or null when that user is not a member of it. */
export async function getMember(ctx: MembersContext, userId: string): Promise<MemberRow | null> {
  if (!memberIdSchema.safeParse(userId).success) return null;
  const db = await getDb();
  const row = await db.prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } },
    select: memberSelect,
  });
  return row ? toRow(row) : null;
}
