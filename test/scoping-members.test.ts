import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { findMembershipBySlug, listMyWorkspaces } from "@/lib/auth/queries";
import { resolveContext } from "@/lib/auth/resolve";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { AppError } from "@/lib/errors";
import { createInvitation } from "@/lib/invitations/mutations";
import { changeMemberRole, removeMember } from "@/lib/members/mutations";
import { getMember, listMembers } from "@/lib/members/queries";
import { setupTestDb, teardownTestDb } from "./support/db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

// Workspace A's admin acts; every id passed belongs to workspace B. Nothing of B may be read or changed.
let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "alpha", [
    { email: "admin@a.example", role: "admin" },
    { email: "shared@example.com", role: "viewer" },
  ]);
  b = await createTestWorkspace(db, "bravo", [
    { email: "admin@b.example", role: "admin" },
    { email: "editor@b.example", role: "editor" },
    { email: "shared@example.com", role: "editor" },
  ]);
});
afterAll(teardownTestDb);

async function stateOfB() {
  const [memberships, audit] = await Promise.all([
    db.prisma.membership.findMany({ where: { workspaceId: b.id }, orderBy: { userId: "asc" }, select: { userId: true, role: true, updatedAt: true } }),
    db.prisma.auditLog.count({ where: { workspaceId: b.id } }),
  ]);
  return { memberships, audit };
}

let before: Awaited<ReturnType<typeof stateOfB>>;
beforeEach(async () => {
  before = await stateOfB();
});

const actor = () => a.ctx("admin@a.example");
const bIds = () => [b.userId("admin@b.example"), b.userId("editor@b.example")];

async function refused(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("not_found");
}

describe("members functions with workspace A's context and workspace B's ids", () => {
  it("getMember reads nothing of B", async () => {
    for (const id of bIds()) expect(await getMember(actor(), id)).toBeNull();
    const shared = await getMember(actor(), b.userId("shared@example.com"));
    expect(shared?.role).toBe("viewer"); // A's membership of the shared user, not B's "editor"
  });

  it("listMembers lists A's members only", async () => {
    expect((await listMembers(actor())).map((m) => m.email).sort()).toEqual(["admin@a.example", "shared@example.com"]);
  });

  it("changeMemberRole changes nothing of B", async () => {
    for (const id of bIds()) await refused(changeMemberRole(actor(), { userId: id, role: "viewer" }));
    await changeMemberRole(actor(), { userId: b.userId("shared@example.com"), role: "admin" });
    expect(await stateOfB()).toEqual(before);
    expect((await getMember(actor(), b.userId("shared@example.com")))?.role).toBe("admin");
  });

  it("removeMember removes nothing of B", async () => {
    for (const id of bIds()) await refused(removeMember(actor(), { userId: id }));
    await removeMember(actor(), { userId: b.userId("shared@example.com") });
    expect(await stateOfB()).toEqual(before);
    expect(await getMember(actor(), b.userId("shared@example.com"))).toBeNull();
  });

  it("inviting B's member's email into A changes nothing in B and adds nobody until they accept", async () => {
    await createInvitation(actor(), { email: "editor@b.example", role: "viewer" });
    expect(await stateOfB()).toEqual(before);
    expect(await getMember(actor(), b.userId("editor@b.example"))).toBeNull();
    expect((await getMember(b.ctx("admin@b.example"), b.userId("editor@b.example")))?.role).toBe("editor");
  });

  it("B's context sees B's rows unchanged after all of the above", async () => {
    expect((await listMembers(b.ctx("admin@b.example"))).map((m) => [m.email, m.role])).toEqual([
      ["admin@b.example", "admin"],
      ["editor@b.example", "editor"],
      ["shared@example.com", "editor"],
    ]);
  });
});

describe("auth lookups by user id", () => {
  it("findMembershipBySlug and resolveContext never give A's admin a context in B", async () => {
    expect(await findMembershipBySlug(a.userId("admin@a.example"), "bravo")).toBeNull();
    session.user = { id: a.userId("admin@a.example"), email: "admin@a.example", name: "admin" };
    expect(await resolveContext("bravo")).toEqual({ ok: false, reason: "not_found" });
    expect(await resolveContext("no-such-workspace")).toEqual({ ok: false, reason: "not_found" });
    const own = await resolveContext("alpha", "members.manage");
    expect(own.ok && own.ctx.workspaceId).toBe(a.id);
  });

  it("listMyWorkspaces lists only the user's own memberships", async () => {
    expect(await listMyWorkspaces(a.userId("admin@a.example"))).toEqual([{ slug: "alpha", name: "Workspace alpha", role: "admin" }]);
    // The invitation into A above is not a membership until accepted.
    expect((await listMyWorkspaces(b.userId("editor@b.example"))).map((w) => w.slug)).toEqual(["bravo"]);
  });
});
