import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { ApiKeyRow, ApiKeysContext } from "./types";

/** The columns of an ApiKeyRow: never hashedKey. */
export const apiKeyRowSelect = {
  id: true,
  name: true,
  prefix: true,
  access: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const;

/** Refuses anyone whose role may not manage keys (the page and actions check too; this is the last line). */
export function assertCanManageApiKeys(ctx: ApiKeysContext): void {
  if (!can(ctx.role, "apikeys.manage")) throw new AppError("forbidden", "You don't have permission to manage API keys in this workspace.");
}

/** The workspace's keys, active ones first, newest first within each. */
export async function listApiKeys(ctx: ApiKeysContext): Promise<ApiKeyRow[]> {
  assertCanManageApiKeys(ctx);
  const db = await getDb();
  const rows: ApiKeyRow[] = await db.prisma.apiKey.findMany({
    where: { workspaceId: ctx.workspaceId },
    select: apiKeyRowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return [...rows.filter((k) => !k.revokedAt), ...rows.filter((k) => k.revokedAt)];
}
