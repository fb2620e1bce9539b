import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction } from "@/app/w/[workspace]/members/actions";
import { GET, POST } from "@/app/api/w/[workspace]/members/route";
import { workspaceAction } from "@/lib/auth/action";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let db: Db;
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3100");
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "acme", [
    { email: "admin@acme.test", role: "admin" },
    { email: "editor@acme.test", role: "editor" },
    { email: "viewer@acme.test", role: "viewer" },
  ]);
  other = await createTestWorkspace(db, "globex", [{ email: "boss@globex.test", role: "admin" }]);
});
afterAll(teardownTestDb);

function signInAs(email: string | null) {
  session.user = email ? { id: (email.endsWith("globex.test") ? other : ws).userId(email), email, name: email } : null;
}
const memberships = () => db.prisma.membership.findMany({ orderBy: [{ workspaceId: "asc" }, { userId: "asc" }], select: { workspaceId: true, userId: true, role: true } });

beforeEach(() => signInAs(null));

describe("workspaceAction", () => {
  const handler = vi.fn(async (_ctx: unknown, input: { n: number }) => input.n * 2);
  const double = workspaceAction({ permission: "segments.write", schema: z.object({ n: z.number().int("Whole numbers only.") }), handler });

  it("runs the handler with the member's context and parsed input", async () => {
    signInAs("editor@acme.test");
    expect(await double({ workspace: "acme", n: 21 })).toEqual({ ok: true, data: 42 });
    expect(handler.mock.calls.at(-1)?.[0]).toMatchObject({ workspaceId: ws.id, workspaceSlug: "acme", role: "editor", userEmail: "editor@acme.test" });
  });

  it("refuses signed-out users, non-members, and roles without the permission before parsing or running anything", async () => {
    handler.mockClear();
    expect(await double({ workspace: "acme", n: 1 })).toEqual({ ok: false, error: "Your session has ended. Sign in again to continue." });
    signInAs("boss@globex.test");
    expect(await double({ workspace: "acme", n: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/doesn't exist or you are not a member/) });
    signInAs("viewer@acme.test");
    expect(await double({ workspace: "acme", n: 1.5 })).toEqual({ ok: false, error: "You don't have permission to change segments in this workspace." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns zod messages per field and AppError messages as they are", async () => {
    signInAs("admin@acme.test");
    expect(await double({ workspace: "acme", n: 1.5 })).toEqual({ ok: false, error: "Check the highlighted fields.", fieldErrors: { n: "Whole numbers only." } });
    const failing = workspaceAction({ permission: "workspace.read", schema: z.object({}), handler: async () => { throw new AppError("conflict", "Taken.", { name: "Taken." }); } });
    expect(await failing({ workspace: "acme" })).toEqual({ ok: false, error: "Taken.", fieldErrors: { name: "Taken." } });
  });

  it("logs unknown errors and answers generically", async () => {
    signInAs("admin@acme.test");
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken = workspaceAction({ permission: "workspace.read", schema: z.object({}), handler: async () => { throw new Error("secret internals"); } });
    const result = await broken({ workspace: "acme" });
    expect(result).toEqual({ ok: false, error: "Something went wrong on our side. Nothing was changed; try again." });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe("members actions", () => {
  it("let an admin invite (nobody joins yet), re-role and remove a member", async () => {
    signInAs("admin@acme.test");
    const before = await memberships();
    const invited = await inviteMemberAction({ workspace: "acme", email: "New@Acme.test", role: "viewer" });
    expect(invited).toMatchObject({ ok: true, data: { email: "new@acme.test", role: "viewer", delivery: "not_configured", renewed: false } });
    expect(invited.ok && invited.data.link).toMatch(/^http:\/\/localhost:3100\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(await memberships()).toEqual(before);
    expect(await db.prisma.user.count({ where: { email: "new@acme.test" } })).toBe(0);
    const temp = await db.prisma.user.create({ data: { email: "temp@acme.test", name: "Temp", passwordHash: "x" } });
    await db.prisma.membership.create({ data: { workspaceId: ws.id, userId: temp.id, role: "viewer" } });
    const userId = temp.id;
    expect(await changeMemberRoleAction({ workspace: "acme", userId, role: "editor" })).toEqual({ ok: true, data: { changed: true, self: false } });
    expect(await removeMemberAction({ workspace: "acme", userId })).toEqual({ ok: true, data: { removedSelf: false } });
  });

  it("refuse viewers and editors, changing nothing", async () => {
    const before = await memberships();
    for (const email of ["viewer@acme.test", "editor@acme.test"]) {
      signInAs(email);
      const denied = { ok: false, error: "You don't have permission to manage members in this workspace." };
      expect(await inviteMemberAction({ workspace: "acme", email: "intruder@acme.test", role: "admin" })).toEqual(denied);
      expect(await changeMemberRoleAction({ workspace: "acme", userId: ws.userId(email), role: "admin" })).toEqual(denied);
      expect(await removeMemberAction({ workspace: "acme", userId: ws.userId("admin@acme.test") })).toEqual(denied);
    }
    expect(await memberships()).toEqual(before);
    expect(await db.prisma.user.count({ where: { email: "intruder@acme.test" } })).toBe(0);
    expect(await db.prisma.invitation.count({ where: { email: "intruder@acme.test" } })).toBe(0);
  });

  it("report the last-admin rule as a clear error", async () => {
    signInAs("admin@acme.test");
    const result = await removeMemberAction({ workspace: "acme", userId: ws.userId("admin@acme.test") });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("only admin") });
  });
});

describe("workspaceRoute: /api/w/[workspace]/members", () => {
  const params = (workspace: string) => ({ params: Promise.resolve({ workspace }) });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    new Request("http://localhost:3100/api/w/acme/members", { method: "POST", headers: { "content-type": "application/json", host: "localhost:3100", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("answers 401, 404 and 403 as JSON, changing nothing", async () => {
    const before = await memberships();
    const body = { email: "intruder@acme.test", role: "admin", password: "long-enough-1" };
    let res = await POST(post(body), params("acme"));
    expect(res.status).toBe(401);
    signInAs("boss@globex.test");
    res = await POST(post(body), params("acme"));
    expect(res.status).toBe(404);
    signInAs("viewer@acme.test");
    res = await POST(post(body), params("acme"));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden", error: expect.stringContaining("manage members") });
    expect((await GET(new Request("http://localhost:3100/api/w/acme/members"), params("acme"))).status).toBe(403);
    expect(await memberships()).toEqual(before);
  });

  it("lets an admin list and add, with 400s for bad JSON and bad fields and 403 for cross-site posts", async () => {
    signInAs("admin@acme.test");
    const list = await GET(new Request("http://localhost:3100/api/w/acme/members"), params("acme"));
    expect(list.status).toBe(200);
    expect((await list.json()).members.map((m: { email: string }) => m.email)).toContain("viewer@acme.test");
    expect((await POST(post("{not json"), params("acme"))).status).toBe(400);
    const bad = await POST(post({ email: "nope", role: "viewer" }), params("acme"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors).toEqual({ email: "Enter a valid email address." });
    expect((await POST(post({ email: "x@acme.test", role: "viewer", password: "long-enough-1" }, { origin: "https://evil.example" }), params("acme"))).status).toBe(403);
    const created = await POST(post({ email: "api@acme.test", role: "editor" }), params("acme"));
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ email: "api@acme.test", role: "editor", delivery: "not_configured", link: expect.stringMatching(/^http:\/\/localhost:3100\/invite\//) });
    expect(body).not.toHaveProperty("createdUser");
    expect(await db.prisma.user.count({ where: { email: "api@acme.test" } })).toBe(0);
  });
});
