/** API keys: create, list, revoke, what is stored, the audit entries, and workspace and role scoping. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/api/keys/authenticate";
import { listAuditEntries } from "@/lib/audit/queries";
import { filtersOf } from "@/lib/audit/schemas";
import { actorView } from "@/lib/audit/view";
import { createApiKey, revokeApiKey } from "@/lib/api/keys/mutations";
import { listApiKeys } from "@/lib/api/keys/queries";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;

const adminA = () => a.ctx("admin@a.test");
const adminB = () => b.ctx("admin@b.test");

async function appError(p: Promise<unknown>, code: AppError["code"], message?: RegExp): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (message) expect((e as AppError).message).toMatch(message);
  return e as AppError;
}

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "keys-a", [
    { email: "admin@a.test", role: "admin", name: "Ada Admin" },
    { email: "editor@a.test", role: "editor" },
    { email: "viewer@a.test", role: "viewer" },
  ]);
  b = await createTestWorkspace(db, "keys-b", [{ email: "admin@b.test", role: "admin" }]);
});
afterAll(teardownTestDb);

describe("API keys", () => {
  it("authenticate as their workspace once created and are refused at once when revoked", async () => {
    const { key, secret } = await createApiKey(adminA(), { name: "  Shop sync  ", access: "read_write" });
    expect(key).toMatchObject({ name: "Shop sync", access: "read_write", prefix: secret.slice(0, 12), revokedAt: null, lastUsedAt: null, createdBy: { name: "Ada Admin", email: "admin@a.test" } });
    expect(secret).toMatch(/^sgm_[A-Za-z0-9_-]{43}$/);

    const api = await authenticateApiKey(db, secret);
    expect(api).toMatchObject({ workspaceId: a.id, workspaceSlug: "keys-a", apiKeyId: key.id, apiKeyName: "Shop sync", access: "read_write", userId: null, role: "editor" });
    const [listed] = await listApiKeys(adminA());
    expect(listed.id).toBe(key.id);
    expect(listed.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await revokeApiKey(adminA(), { id: key.id });
    expect(revoked.revoked).toBe(true);
    expect(revoked.key.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(db, secret)).toBeNull();

    // Revoking again is not an error and changes nothing.
    const again = await revokeApiKey(adminA(), { id: key.id });
    expect(again.revoked).toBe(false);
    expect(again.key.revokedAt).toEqual(revoked.key.revokedAt);
    expect(await db.prisma.auditLog.count({ where: { workspaceId: a.id, action: "api_key.revoke", entityId: key.id } })).toBe(1);
  });

  it("store only the hash: the secret appears in no column, and the audit names the key without it", async () => {
    const { key, secret } = await createApiKey(adminA(), { name: "Warehouse", access: "read" });
    await revokeApiKey(adminA(), { id: key.id });
    const stored = await db.sql.query<Record<string, unknown>>(`SELECT to_jsonb(k)::text AS row FROM "ApiKey" k WHERE k."id" = $1::uuid`, [key.id]);
    expect(stored).toHaveLength(1);
    expect(String(stored[0].row)).not.toContain(secret);
    expect(String(stored[0].row)).not.toContain(secret.slice(12));
    const audits = await db.prisma.auditLog.findMany({
      where: { workspaceId: a.id, entityId: key.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, entityType: true, diff: true },
    });
    expect(audits).toEqual([
      { action: "api_key.create", actorId: a.userId("admin@a.test"), entityType: "api_key", diff: { name: "Warehouse", prefix: key.prefix, access: "read" } },
      { action: "api_key.revoke", actorId: a.userId("admin@a.test"), entityType: "api_key", diff: { name: "Warehouse", prefix: key.prefix, access: "read" } },
    ]);
    const everything = await db.sql.query<{ row: string }>(`SELECT to_jsonb(l)::text AS row FROM "AuditLog" l`);
    for (const { row } of everything) expect(row).not.toContain(secret.slice(12));
  });

  it("refuse an empty, too long or duplicate active name with a clear message; a revoked key's name is free again", async () => {
    const count = () => db.prisma.apiKey.count({ where: { workspaceId: a.id } });
    const before = await count();
    await expect(createApiKey(adminA(), { name: "   ", access: "read" })).rejects.toThrow(/Give the key a name/);
    await expect(createApiKey(adminA(), { name: "x".repeat(81), access: "read" })).rejects.toThrow(/80 characters or fewer/);
    await expect(createApiKey(adminA(), { name: "Bad access", access: "admin" as "read" })).rejects.toThrow(/Choose read, or read and write/);
    expect(await count()).toBe(before);
    expect((await createApiKey(adminA(), { name: "x".repeat(80), access: "read" })).key.name).toHaveLength(80);

    await createApiKey(adminA(), { name: "Newsletter", access: "read" });
    const dup = await appError(createApiKey(adminA(), { name: " newsletter ", access: "read_write" }), "conflict", /already named "newsletter"/);
    expect(dup.fieldErrors?.name).toMatch(/already has this name: choose another, or revoke that key first/);
    // The same name in another workspace, and a name only a revoked key has, are fine.
    await createApiKey(adminB(), { name: "Newsletter", access: "read" });
    expect((await createApiKey(adminA(), { name: "Warehouse", access: "read" })).key.name).toBe("Warehouse");
  });

  it("are scoped to their workspace: another workspace cannot list or revoke them", async () => {
    const { key, secret } = await createApiKey(adminA(), { name: "Only A", access: "read" });
    expect((await listApiKeys(adminB())).map((k) => k.name)).not.toContain("Only A");
    expect((await listApiKeys(adminA())).map((k) => k.name)).toContain("Only A");
    await appError(revokeApiKey(adminB(), { id: key.id }), "not_found");
    await appError(revokeApiKey(adminA(), { id: "not-a-uuid" }), "not_found");
    expect(await authenticateApiKey(db, secret)).toMatchObject({ workspaceId: a.id });
    const row = await db.prisma.apiKey.findUnique({ where: { workspaceId_id: { workspaceId: a.id, id: key.id } }, select: { revokedAt: true } });
    expect(row?.revokedAt).toBeNull();
  });

  it("are managed by admins only: an editor or a viewer is refused and nothing changes", async () => {
    const before = await db.prisma.apiKey.count();
    const auditBefore = await db.prisma.auditLog.count();
    const { key } = await createApiKey(adminA(), { name: "For roles", access: "read" });
    for (const who of ["editor@a.test", "viewer@a.test"]) {
      await appError(createApiKey(a.ctx(who), { name: `From ${who}`, access: "read_write" }), "forbidden", /manage API keys/);
      await appError(listApiKeys(a.ctx(who)), "forbidden");
      await appError(revokeApiKey(a.ctx(who), { id: key.id }), "forbidden");
    }
    expect(await db.prisma.apiKey.count()).toBe(before + 1);
    expect(await db.prisma.auditLog.count()).toBe(auditBefore + 1);
    expect((await db.prisma.apiKey.findFirstOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
  });

  it("list active keys first, newest first, with who created them, and never the hash", async () => {
    const list = await listApiKeys(adminA());
    const firstRevoked = list.findIndex((k) => k.revokedAt);
    expect(firstRevoked).toBeGreaterThan(0);
    expect(list.slice(firstRevoked).every((k) => k.revokedAt)).toBe(true);
    for (const k of list) expect(Object.keys(k).sort()).toEqual(["access", "createdAt", "createdBy", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);
  });

  it("name themselves in the audit log for changes made with them, never another workspace's key", async () => {
    const { key } = await createApiKey(adminA(), { name: "Audited", access: "read_write" });
    const { key: foreign } = await createApiKey(adminB(), { name: "B's key", access: "read_write" });
    await db.prisma.auditLog.create({ data: { workspaceId: a.id, actorId: null, apiKeyId: key.id, action: "segment.create", entityType: "segment", diff: { name: "Via API" } } });
    await db.prisma.auditLog.create({ data: { workspaceId: a.id, actorId: null, apiKeyId: foreign.id, action: "segment.create", entityType: "segment", diff: { name: "Forged" } } });
    const scope = { workspaceId: a.id, timeZone: "Europe/Warsaw" };
    const { entries } = await listAuditEntries(scope, filtersOf({ action: "segment.create" }));
    const actorOf = (name: string) => actorView(entries.find((e) => (e.diff as { name: string }).name === name)!);
    expect(actorOf("Via API")).toEqual({ name: `API key Audited (${key.prefix}…)`, email: null, note: null });
    expect(actorOf("Forged")).toEqual({ name: "API key", email: null, note: "key no longer exists" });
    // "Command line / system" means no person and no key.
    const system = await listAuditEntries(scope, filtersOf({ person: "system" }));
    expect(system.entries.filter((e) => e.apiKeyId)).toEqual([]);
    expect(system.entries.map((e) => e.action)).not.toContain("segment.create");
  });
});
