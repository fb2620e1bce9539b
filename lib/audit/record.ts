/**
 * The one way an audit entry is written: inside the transaction of the change it records, so an
 * entry exists exactly when the change does. Entries are append-only: nothing in the code updates
 * or deletes them (test/audit-append-only.test.ts checks it; a database trigger refuses updates).
 */
import "server-only";
import type { SqlDriver } from "@/lib/db/driver";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Who acted where: actorId null means the command line or the system (an import's runner, say). */
export interface AuditContext {
  workspaceId: string;
  userId: string | null;
  /** The API key a public API request was made with (the entry then has no person). */
  apiKeyId?: string | null;
}

/** What happened: an action name from lib/audit/actions.ts, the entity it touched and the details. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  diff?: Prisma.InputJsonObject;
}

/** A Prisma transaction (or client), or the raw SQL driver's transaction. */
export type AuditWriter = Pick<Prisma.TransactionClient, "auditLog"> | SqlDriver;

function isSqlDriver(writer: AuditWriter): writer is SqlDriver {
  return "query" in writer && typeof writer.query === "function";
}

/** Appends one audit entry through the caller's transaction (Prisma or raw SQL). */
export async function recordAudit(tx: AuditWriter, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const data = {
    workspaceId: ctx.workspaceId,
    actorId: ctx.userId,
    apiKeyId: ctx.apiKeyId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    diff: entry.diff ?? {},
  };
  if (isSqlDriver(tx)) {
    await tx.query(
      `INSERT INTO "AuditLog" ("workspaceId", "actorId", "apiKeyId", "action", "entityType", "entityId", "diff") VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7::jsonb)`,
      [data.workspaceId, data.actorId, data.apiKeyId, data.action, data.entityType, data.entityId, JSON.stringify(data.diff)],
    );
    return;
  }
  await tx.auditLog.create({ data });
}
