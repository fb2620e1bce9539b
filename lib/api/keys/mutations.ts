import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { apiKeyRowSelect, assertCanManageApiKeys } from "./queries";
import { createApiKeySchema, revokeApiKeySchema, type CreateApiKeyInput, type RevokeApiKeyInput } from "./schemas";
import { generateApiKey } from "./secret";
import type { ApiKeyRow, ApiKeysContext } from "./types";

type Tx = Prisma.TransactionClient;

const NOT_FOUND = "This API key doesn't exist in this workspace.";

/** A key just created: its row, and the secret, which is never stored and never shown again. */
export interface CreatedApiKey {
  key: ApiKeyRow;
  secret: string;
}

function auditDiff(key: Pick<ApiKeyRow, "name" | "prefix" | "access">): Prisma.InputJsonObject {
  return { name: key.name, prefix: key.prefix, access: key.access };
}

// Serialises key creation per workspace, so two requests cannot both find a name free.
async function lockKeyNames(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('api_key_names:' || ${workspaceId}::text))`);
}

/** Creates a key; a name already used by an active key of the workspace (any case) is refused. */
export async function createApiKey(ctx: ApiKeysContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  assertCanManageApiKeys(ctx);
  const { name, access, rateLimit } = createApiKeySchema.parse(input);
  const { secret, prefix, hash } = generateApiKey();
  const db = await getDb();
  const key = await db.prisma.$transaction(async (tx) => {
    await lockKeyNames(tx, ctx.workspaceId);
    const taken = await tx.apiKey.findFirst({
      where: { workspaceId: ctx.workspaceId, revokedAt: null, name: { equals: name, mode: "insensitive" } },
      select: { id: true },
    });
    if (taken) {
      throw new AppError("conflict", `An active key is already named "${name}". Choose another name, or revoke that key first.`, {
        name: "An active key already has this name: choose another, or revoke that key first.",
      });
    }
    const created = await tx.apiKey.create({
      data: { workspaceId: ctx.workspaceId, name, prefix, hashedKey: hash, access, rateLimit: rateLimit ?? null, createdById: ctx.userId },
      select: apiKeyRowSelect,
    });
    await recordAudit(tx, ctx, { action: "api_key.create", entityType: "api_key", entityId: created.id, diff: auditDiff(created) });
    return created;
  });
  return { key, secret };
}

/**
 * Revokes a key: requests made with it are refused from the next one on. Revoking a revoked key
 * changes nothing (and writes no second audit entry); another workspace's key is not found.
 */
export async function revokeApiKey(ctx: ApiKeysContext, input: RevokeApiKeyInput): Promise<{ key: ApiKeyRow; revoked: boolean }> {
  assertCanManageApiKeys(ctx);
  const parsed = revokeApiKeySchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", NOT_FOUND);
  const { id } = parsed.data;
  const db = await getDb();
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.apiKey.updateMany({ where: { workspaceId: ctx.workspaceId, id, revokedAt: null }, data: { revokedAt: new Date() } });
    const key = await tx.apiKey.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } }, select: apiKeyRowSelect });
    if (!key) throw new AppError("not_found", NOT_FOUND);
    if (updated.count === 1) await recordAudit(tx, ctx, { action: "api_key.revoke", entityType: "api_key", entityId: key.id, diff: auditDiff(key) });
    return { key, revoked: updated.count === 1 };
  });
}
