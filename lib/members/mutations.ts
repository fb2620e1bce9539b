import "server-only";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { changeMemberRoleSchema, removeMemberSchema, type ChangeMemberRoleInput, type RemoveMemberInput } from "./schemas";
import type { MembersContext } from "./types";

type Tx = Prisma.TransactionClient;

const NOT_A_MEMBER = "This person is not a member of this workspace (they may have been removed already).";

function assertCanManage(ctx: MembersContext): void {
  if (!can(ctx.role, "members.manage")) throw new AppError("forbidden", "You don't have permission to manage members in this workspace.");
}

// Locks the workspace's admin memberships so two concurrent demotions cannot both see "another admin remains".
async function lockAdmins(tx: Tx, workspaceId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ userId: string }[]>(Prisma.sql`
    SELECT "userId"::text AS "userId" FROM "Membership"
    WHERE "workspaceId" = ${workspaceId}::uuid AND "role" = 'admin'
    ORDER BY "userId" FOR UPDATE`);
  return rows.map((r) => r.userId);
}

async function findMemberOrThrow(tx: Tx, ctx: MembersContext, userId: string) {
  const member = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } },
    select: { role: true, user: { select: { email: true, name: true } } },
  });
  if (!member) throw new AppError("not_found", NOT_A_MEMBER);
  return member;
}

function lastAdminError(email: string, isSelf: boolean, verb: "remove" | "demote"): AppError {
  const who = isSelf ? "You are" : `${email} is`;
  const action = verb === "remove" ? "removed" : "given another role";
  return new AppError("conflict", `${who} the only admin of this workspace, so cannot be ${action}. Make another member an admin first.`);
}

async function audit(tx: Tx, ctx: MembersContext, action: string, userId: string, diff: Prisma.InputJsonObject): Promise<void> {
  await recordAudit(tx, ctx, { action, entityType: "member", entityId: userId, diff });
}

/** Changes a member's role; the last admin cannot be given another role. */
export async function changeMemberRole(ctx: MembersContext, input: ChangeMemberRoleInput): Promise<{ changed: boolean }> {
  assertCanManage(ctx);
  const { userId, role } = changeMemberRoleSchema.parse(input);
  const db = await getDb();
  return db.prisma.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, ctx.workspaceId);
    const member = await findMemberOrThrow(tx, ctx, userId);
    if (member.role === role) return { changed: false };
    if (member.role === "admin" && admins.length <= 1) throw lastAdminError(member.user.email, userId === ctx.userId, "demote");
    const updated = await tx.membership.updateMany({ where: { workspaceId: ctx.workspaceId, userId }, data: { role } });
    if (updated.count !== 1) throw new AppError("not_found", NOT_A_MEMBER);
    await audit(tx, ctx, "member.role_change", userId, { email: member.user.email, from: member.role, to: role });
    return { changed: true };
  });
}

/** Removes a member from the workspace (their account stays); the last admin cannot be removed. */
export async function removeMember(ctx: MembersContext, input: RemoveMemberInput): Promise<{ removedSelf: boolean }> {
  assertCanManage(ctx);
  const { userId } = removeMemberSchema.parse(input);
  const db = await getDb();
  return db.prisma.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, ctx.workspaceId);
    const member = await findMemberOrThrow(tx, ctx, userId);
    if (member.role === "admin" && admins.length <= 1) throw lastAdminError(member.user.email, userId === ctx.userId, "remove");
    const removed = await tx.membership.deleteMany({ where: { workspaceId: ctx.workspaceId, userId } });
    if (removed.count !== 1) throw new AppError("not_found", NOT_A_MEMBER);
    await audit(tx, ctx, "member.remove", userId, { email: member.user.email, role: member.role });
    return { removedSelf: userId === ctx.userId };
  });
}
