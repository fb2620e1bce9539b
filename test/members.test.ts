import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { AppError } from "@/lib/errors";
import { changeMemberRole, removeMember } from "@/lib/members/mutations";
import { getMember, listMembers } from "@/lib/members/queries";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let ws: TestWorkspace;
let n = 0;

beforeEach(async () => {
  if (!db) db = await setupTestDb();
  n += 1;
  ws = await createTestWorkspace(db, `ws-${n}`, [
    { email: `admin${n}@example.com`, role: "admin", name: "Ada Admin" },
    { email: `editor${n}@example.com`, role: "editor", name: "Ed Editor" },
    { email: `viewer${n}@example.com`, role: "viewer", name: "Vi Viewer" },
  ]);
});
afterAll(teardownTestDb);

const admin = () => ws.ctx(`admin${n}@example.com`);
const editorId = () => ws.userId(`editor${n}@example.com`);
const snapshot = async () =>
  (await db.prisma.membership.findMany({ where: { workspaceId: ws.id }, orderBy: { userId: "asc" }, select: { userId: true, role: true } })).map(
    (m) => `${m.userId}:${m.role}`,
  );
const audits = () => db.prisma.auditLog.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });

async function expectAppError(p: Promise<unknown>, code: AppError["code"], message?: RegExp): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (message) expect((e as AppError).message).toMatch(message);
  return e as AppError;
}

describe("listMembers / getMember", () => {
  it("lists admins first with name, email, role and joined date", async () => {
    const rows = await listMembers(admin());
    expect(rows.map((r) => [r.name, r.role])).toEqual([
      ["Ada Admin", "admin"],
      ["Ed Editor", "editor"],
      ["Vi Viewer", "viewer"],
    ]);
    expect(rows[0].joinedAt).toBeInstanceOf(Date);
    expect(await getMember(admin(), editorId())).toMatchObject({ email: `editor${n}@example.com`, role: "editor" });
    expect(await getMember(admin(), "not-a-uuid")).toBeNull();
  });
});

describe("permissions", () => {
  it("refuses a context whose role can't manage members", async () => {
    await expectAppError(changeMemberRole(ws.ctx(`viewer${n}@example.com`), { userId: editorId(), role: "admin" }), "forbidden");
    await expectAppError(removeMember(ws.ctx(`viewer${n}@example.com`), { userId: editorId() }), "forbidden");
  });
});

describe("changeMemberRole", () => {
  it("changes a role and audits from/to; the same role changes nothing", async () => {
    expect(await changeMemberRole(admin(), { userId: editorId(), role: "admin" })).toEqual({ changed: true });
    expect((await getMember(admin(), editorId()))?.role).toBe("admin");
    expect(await changeMemberRole(admin(), { userId: editorId(), role: "admin" })).toEqual({ changed: false });
    const rows = await audits();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "member.role_change", entityId: editorId() });
    expect(rows[0].diff).toMatchObject({ from: "editor", to: "admin" });
  });

  it("never demotes the last admin, and says so", async () => {
    const before = await snapshot();
    await expectAppError(changeMemberRole(admin(), { userId: admin().userId, role: "editor" }), "conflict", /You are the only admin .* Make another member an admin first/);
    expect(await snapshot()).toEqual(before);
    expect(await audits()).toHaveLength(0);
  });

  it("lets an admin step down when another admin remains", async () => {
    await changeMemberRole(admin(), { userId: editorId(), role: "admin" });
    await changeMemberRole(admin(), { userId: admin().userId, role: "viewer" });
    expect((await getMember(admin(), admin().userId))?.role).toBe("viewer");
  });

  it("keeps one admin when two admins demote each other at the same time", async () => {
    await changeMemberRole(admin(), { userId: editorId(), role: "admin" });
    const second = { ...admin(), userId: editorId() };
    const results = await Promise.allSettled([
      changeMemberRole(admin(), { userId: editorId(), role: "viewer" }),
      changeMemberRole(second, { userId: admin().userId, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.membership.count({ where: { workspaceId: ws.id, role: "admin" } })).toBe(1);
  });

  it("reports an unknown member as not found", async () => {
    await expectAppError(changeMemberRole(admin(), { userId: "00000000-0000-4000-8000-000000000000", role: "viewer" }), "not_found");
    await expect(changeMemberRole(admin(), { userId: "nope", role: "viewer" })).rejects.toThrow();
  });
});

describe("removeMember", () => {
  it("removes a member but keeps the account, with an audit row", async () => {
    expect(await removeMember(admin(), { userId: editorId() })).toEqual({ removedSelf: false });
    expect(await getMember(admin(), editorId())).toBeNull();
    expect(await db.prisma.user.count({ where: { id: editorId() } })).toBe(1);
    const [row] = await audits();
    expect(row).toMatchObject({ action: "member.remove", entityId: editorId() });
    expect(row.diff).toEqual({ email: `editor${n}@example.com`, role: "editor" });
    await expectAppError(removeMember(admin(), { userId: editorId() }), "not_found");
  });

  it("never removes the last admin", async () => {
    const before = await snapshot();
    await expectAppError(removeMember(admin(), { userId: admin().userId }), "conflict", /only admin/);
    expect(await snapshot()).toEqual(before);
  });

  it("lets an admin leave when another admin remains", async () => {
    await changeMemberRole(admin(), { userId: editorId(), role: "admin" });
    expect(await removeMember(admin(), { userId: admin().userId })).toEqual({ removedSelf: true });
    expect(await db.prisma.membership.count({ where: { workspaceId: ws.id, role: "admin" } })).toBe(1);
  });

  it("keeps one admin when two admins remove each other at the same time", async () => {
    await changeMemberRole(admin(), { userId: editorId(), role: "admin" });
    const second = { ...admin(), userId: editorId() };
    const results = await Promise.allSettled([removeMember(admin(), { userId: editorId() }), removeMember(second, { userId: admin().userId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.membership.count({ where: { workspaceId: ws.id, role: "admin" } })).toBe(1);
  });
});
