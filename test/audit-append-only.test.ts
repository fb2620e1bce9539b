/**
 * Audit entries are append-only: no code path updates or deletes them (a scan of lib/ and app/),
 * and the database refuses an UPDATE anyway, except the foreign key's own "actor deleted" (which
 * marks the entry). Deleting a workspace still removes its entries (the cascade).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { setupTestDb, teardownTestDb } from "./support/db";

const ROOTS = ["lib", "app"];
const SKIP = new Set(["lib/generated"]);

function sourceFiles(dir: string): string[] {
  if (SKIP.has(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|sql)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The forbidden writes in a source text: Prisma's update/delete family on auditLog, and raw UPDATE/DELETE/TRUNCATE of "AuditLog". */
export function forbiddenAuditWrites(text: string): string[] {
  const patterns = [
    /\bauditLogs?\s*\??\.\s*(update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\b/g,
    /\bauditLogs\s*:\s*\{[^}]*\b(update|updateMany|upsert|delete|deleteMany|set)\b/g,
    /\bUPDATE\s+(ONLY\s+)?"?AuditLog"?/gi,
    /\bDELETE\s+FROM\s+(ONLY\s+)?"?AuditLog"?/gi,
    /\bTRUNCATE\s+(TABLE\s+)?(ONLY\s+)?"?AuditLog"?/gi,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[0]));
}

describe("no code path changes or removes audit entries", () => {
  it("the scan finds what it looks for", () => {
    expect(forbiddenAuditWrites(`await tx.auditLog.deleteMany({ where })`)).toHaveLength(1);
    expect(forbiddenAuditWrites(`prisma.auditLog.update({ data })`)).toHaveLength(1);
    expect(forbiddenAuditWrites(`db.prisma.auditLog.upsert(`)).toHaveLength(1);
    expect(forbiddenAuditWrites(`sql.query('UPDATE "AuditLog" SET diff = $1')`)).toHaveLength(1);
    expect(forbiddenAuditWrites(`sql.query(\`DELETE FROM "AuditLog" WHERE id = $1\`)`)).toHaveLength(1);
    expect(forbiddenAuditWrites(`workspace.update({ data: { auditLogs: { deleteMany: {} } } })`)).toHaveLength(1);
    expect(forbiddenAuditWrites(`await tx.auditLog.create({ data })`)).toEqual([]);
    expect(forbiddenAuditWrites(`INSERT INTO "AuditLog" ("workspaceId") VALUES ($1)`)).toEqual([]);
  });

  it("lib/ and app/ have none", () => {
    const found = ROOTS.flatMap(sourceFiles).flatMap((file) => forbiddenAuditWrites(fs.readFileSync(file, "utf8")).map((hit) => `${file}: ${hit}`));
    expect(found).toEqual([]);
  });
});

describe("the database keeps entries as written", () => {
  let db: Db;
  let ws: TestWorkspace;
  beforeAll(async () => {
    db = await setupTestDb();
    ws = await createTestWorkspace(db, "append-only", [
      { email: "admin@ao.test", role: "admin" },
      { email: "gone@ao.test", role: "editor" },
    ]);
  });
  afterAll(teardownTestDb);

  const add = (email: string | null, action: string) =>
    db.prisma.auditLog.create({ data: { workspaceId: ws.id, actorId: email ? ws.userId(email) : null, action, entityType: "test", diff: { n: 1 } }, select: { id: true } });

  it("refuses an UPDATE of an entry", async () => {
    const { id } = await add("admin@ao.test", "segment.create");
    await expect(db.sql.query(`UPDATE "AuditLog" SET "diff" = '{}' WHERE "workspaceId" = $1 AND "id" = $2`, [ws.id, id])).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`UPDATE "AuditLog" SET "actorId" = NULL WHERE "workspaceId" = $1 AND "id" = $2`, [ws.id, id])).resolves.toBeDefined();
    // Clearing the actor by hand is marked like a deleted account; changing anything with it is refused.
    await expect(db.sql.query(`UPDATE "AuditLog" SET "actorId" = $3, "action" = 'x' WHERE "workspaceId" = $1 AND "id" = $2`, [ws.id, id, ws.userId("admin@ao.test")])).rejects.toThrow(/append-only/);
    const [row] = await db.sql.query<{ diff: unknown; action: string }>(`SELECT "diff", "action" FROM "AuditLog" WHERE "workspaceId" = $1 AND "id" = $2`, [ws.id, id]);
    expect(row).toEqual({ diff: { n: 1 }, action: "segment.create" });
  });

  it("lets a deleted account's entries lose the actor, marked actorRemoved", async () => {
    const { id } = await add("gone@ao.test", "customer.update");
    await add(null, "import.finish");
    await db.sql.query(`DELETE FROM "Membership" WHERE "userId" = $1`, [ws.userId("gone@ao.test")]);
    await db.sql.query(`DELETE FROM "User" WHERE "id" = $1`, [ws.userId("gone@ao.test")]);
    const rows = await db.sql.query<{ id: string; actorId: string | null; actorRemoved: boolean; action: string }>(
      `SELECT "id"::text AS "id", "actorId"::text AS "actorId", "actorRemoved", "action" FROM "AuditLog" WHERE "workspaceId" = $1 AND "action" IN ('customer.update', 'import.finish') ORDER BY "id"`,
      [ws.id],
    );
    expect(rows).toEqual([
      { id: String(id), actorId: null, actorRemoved: true, action: "customer.update" },
      { id: expect.any(String), actorId: null, actorRemoved: false, action: "import.finish" },
    ]);
  });

  it("removes a workspace's entries with the workspace", async () => {
    await add("admin@ao.test", "member.add");
    await db.prisma.workspace.delete({ where: { id: ws.id } });
    expect(await db.prisma.auditLog.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});
