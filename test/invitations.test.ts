import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { SessionUser } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { acceptWithPassword } from "@/lib/invitations/accept";
import { ACCOUNT_NOT_CREATED } from "@/lib/invitations/messages";
import { acceptInvitation, createInvitation, resendInvitation, revokeInvitation } from "@/lib/invitations/mutations";
import { getInvitationByToken, listPendingInvitations } from "@/lib/invitations/queries";
import { hashToken } from "@/lib/invitations/tokens";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let n = 0;

// Workspace A invites; B is another workspace whose admin must not touch A's invitations.
beforeEach(async () => {
  if (!db) db = await setupTestDb();
  n += 1;
  a = await createTestWorkspace(db, `alpha-${n}`, [
    { email: `admin${n}@a.example`, role: "admin", name: "Ada Admin" },
    { email: `editor${n}@a.example`, role: "editor" },
  ]);
  b = await createTestWorkspace(db, `bravo-${n}`, [
    { email: `admin${n}@b.example`, role: "admin" },
    { email: `existing${n}@b.example`, role: "viewer", name: "Existing Person" },
  ]);
});
afterAll(teardownTestDb);

const admin = () => a.ctx(`admin${n}@a.example`);
const userOf = (ws: TestWorkspace, email: string): SessionUser => ({ id: ws.userId(email), email, name: email, sessionVersion: 0 });

/** Everything an invitation can change, to prove a refused one changed nothing. */
async function state() {
  const [memberships, invitations, audit, users] = await Promise.all([
    db.prisma.membership.findMany({ orderBy: [{ workspaceId: "asc" }, { userId: "asc" }], select: { workspaceId: true, userId: true, role: true } }),
    db.prisma.invitation.findMany({ orderBy: { id: "asc" }, select: { id: true, tokenHash: true, expiresAt: true, acceptedAt: true, revokedAt: true, role: true } }),
    db.prisma.auditLog.count(),
    db.prisma.user.count(),
  ]);
  return { memberships, invitations, audit, users };
}

async function appError(p: Promise<unknown>, code: AppError["code"], message?: RegExp | string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (message) expect((e as AppError).message).toMatch(message);
  return e as AppError;
}

const auditOf = (workspaceId: string) =>
  db.prisma.auditLog.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { action: true, actorId: true, entityType: true, entityId: true, diff: true } });

describe("inviting", () => {
  it("answers the same for an address with an account and one without, creating no account and no membership", async () => {
    const before = await state();
    const known = await createInvitation(admin(), { email: `Existing${n}@B.example`, role: "editor" });
    const unknown = await createInvitation(admin(), { email: `nobody${n}@nowhere.example`, role: "editor" });
    const shape = (i: typeof known) => ({ ...i, invitationId: "id", token: "token", email: "email", expiresAt: i.expiresAt.getTime() > Date.now() });
    expect(shape(known)).toEqual(shape(unknown));
    expect(Object.keys(known)).not.toContain("createdUser");
    const after = await state();
    expect([after.memberships, after.users]).toEqual([before.memberships, before.users]);
    const audit = await auditOf(a.id);
    expect(audit).toEqual([
      { action: "invitation.create", actorId: admin().userId, entityType: "invitation", entityId: known.invitationId, diff: { email: `existing${n}@b.example`, role: "editor" } },
      { action: "invitation.create", actorId: admin().userId, entityType: "invitation", entityId: unknown.invitationId, diff: { email: `nobody${n}@nowhere.example`, role: "editor" } },
    ]);
  });

  it("stores only the token's hash, expires in 7 days, and lists the invitation as pending", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const issued = await createInvitation(admin(), { email: `new${n}@example.com`, role: "viewer" }, now);
    const row = await db.prisma.invitation.findFirstOrThrow({ where: { workspaceId: a.id, id: issued.invitationId } });
    expect(row.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(row.expiresAt.toISOString()).toBe("2026-12-08T10:00:00.000Z");
    expect(await listPendingInvitations(admin(), new Date("2026-12-02T00:00:00Z"))).toMatchObject([{ email: `new${n}@example.com`, role: "viewer", invitedBy: "Ada Admin", status: "pending" }]);
    expect((await listPendingInvitations(admin(), new Date("2026-12-09T00:00:00Z")))[0].status).toBe("expired");
  });

  it("refuses an existing member, and roles that can't manage members", async () => {
    const before = await state();
    await appError(createInvitation(admin(), { email: `editor${n}@a.example`, role: "admin" }), "conflict", /already a member/);
    await appError(createInvitation(a.ctx(`editor${n}@a.example`), { email: "x@example.com", role: "admin" }), "forbidden");
    expect(await state()).toEqual(before);
  });

  it("inviting an address again renews its open invitation: one row, a new link, the old one dead", async () => {
    const first = await createInvitation(admin(), { email: `again${n}@example.com`, role: "viewer" });
    const second = await createInvitation(admin(), { email: `again${n}@example.com`, role: "editor" });
    expect(second).toMatchObject({ invitationId: first.invitationId, renewed: true, role: "editor" });
    expect(await getInvitationByToken(first.token)).toBeNull();
    expect(await getInvitationByToken(second.token)).toMatchObject({ role: "editor", state: "open" });
    expect((await auditOf(a.id)).map((r) => r.action)).toEqual(["invitation.create", "invitation.resend"]);
  });
});

describe("accepting", () => {
  it("adds the signed-in invitee once, with the invited role, audited as the invitee", async () => {
    const invitee = userOf(b, `existing${n}@b.example`);
    const issued = await createInvitation(admin(), { email: invitee.email, role: "editor" });
    expect(await acceptInvitation(issued.token, invitee)).toEqual({ workspaceSlug: a.slug, role: "editor", alreadyMember: false });
    const memberships = await db.prisma.membership.findMany({ where: { workspaceId: a.id, userId: invitee.id } });
    expect(memberships.map((m) => m.role)).toEqual(["editor"]);
    const audit = (await auditOf(a.id)).slice(1);
    expect(audit).toEqual([
      { action: "member.add", actorId: invitee.id, entityType: "member", entityId: invitee.id, diff: { email: invitee.email, role: "editor", invitationId: issued.invitationId } },
      { action: "invitation.accept", actorId: invitee.id, entityType: "invitation", entityId: issued.invitationId, diff: { email: invitee.email, role: "editor" } },
    ]);
    const before = await state();
    await appError(acceptInvitation(issued.token, invitee), "conflict", /already been used/);
    expect(await state()).toEqual(before);
    expect(await listPendingInvitations(admin())).toEqual([]);
  });

  it("lets only one of two simultaneous accepts through", async () => {
    const invitee = userOf(b, `existing${n}@b.example`);
    const issued = await createInvitation(admin(), { email: invitee.email, role: "viewer" });
    const results = await Promise.allSettled([acceptInvitation(issued.token, invitee), acceptInvitation(issued.token, invitee)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.auditLog.count({ where: { workspaceId: a.id, action: "invitation.accept" } })).toBe(1);
    expect(await db.prisma.membership.count({ where: { workspaceId: a.id, userId: invitee.id } })).toBe(1);
  });

  it("refuses someone signed in with another address", async () => {
    const issued = await createInvitation(admin(), { email: `someone${n}@example.com`, role: "admin" });
    const before = await state();
    await appError(acceptInvitation(issued.token, userOf(b, `admin${n}@b.example`)), "forbidden", new RegExp(`for someone${n}@example.com`));
    expect(await state()).toEqual(before);
  });

  it("refuses expired, revoked, used, replaced and made-up links, changing nothing", async () => {
    const invitee = userOf(b, `existing${n}@b.example`);
    const now = new Date();
    const expired = await createInvitation(admin(), { email: invitee.email, role: "viewer" }, new Date(now.getTime() - 8 * 86_400_000));
    let before = await state();
    await appError(acceptInvitation(expired.token, invitee), "conflict", /expired/);
    expect(await state()).toEqual(before);

    const revoked = await createInvitation(admin(), { email: invitee.email, role: "viewer" });
    await revokeInvitation(admin(), { invitationId: revoked.invitationId });
    before = await state();
    await appError(acceptInvitation(revoked.token, invitee), "conflict", /withdrawn/);
    await appError(acceptInvitation("A".repeat(43), invitee), "not_found", /not valid/);
    expect(await state()).toEqual(before);

    const resent = await createInvitation(admin(), { email: invitee.email, role: "viewer" });
    const renewed = await resendInvitation(admin(), { invitationId: resent.invitationId });
    before = await state();
    await appError(acceptInvitation(resent.token, invitee), "not_found", /not valid/);
    expect(await state()).toEqual(before);
    await acceptInvitation(renewed.token, invitee);
    expect(await db.prisma.membership.count({ where: { workspaceId: a.id, userId: invitee.id } })).toBe(1);
  });

  it("a token joins only the workspace that issued it", async () => {
    const bInvite = await createInvitation(b.ctx(`admin${n}@b.example`), { email: `editor${n}@a.example`, role: "viewer" });
    await acceptInvitation(bInvite.token, userOf(a, `editor${n}@a.example`));
    expect(await db.prisma.membership.findMany({ where: { userId: a.userId(`editor${n}@a.example`) }, select: { workspaceId: true, role: true }, orderBy: { role: "asc" } })).toEqual(
      expect.arrayContaining([
        { workspaceId: a.id, role: "editor" },
        { workspaceId: b.id, role: "viewer" },
      ]),
    );
  });
});

describe("accepting with a password (the accept page's 'Create your account')", () => {
  it("creates the invited address's account and membership", async () => {
    const issued = await createInvitation(admin(), { email: `brand-new${n}@example.com`, role: "editor" });
    expect(await acceptWithPassword({ token: issued.token, name: "Brand New", password: "a-good-password" })).toEqual({ workspaceSlug: a.slug, email: `brand-new${n}@example.com` });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: `brand-new${n}@example.com` } });
    expect(user.name).toBe("Brand New");
    expect(await db.prisma.membership.findMany({ where: { userId: user.id }, select: { workspaceId: true, role: true } })).toEqual([{ workspaceId: a.id, role: "editor" }]);
    expect(await db.prisma.auditLog.findFirst({ where: { workspaceId: a.id, action: "invitation.accept" }, select: { actorId: true } })).toEqual({ actorId: user.id });
  });

  it("accepts for an existing account whose password matches, and answers any other password generically", async () => {
    const email = `existing${n}@b.example`;
    const issued = await createInvitation(admin(), { email, role: "viewer" });
    const before = await state();
    await appError(acceptWithPassword({ token: issued.token, name: "X", password: "not-the-password" }), "invalid", ACCOUNT_NOT_CREATED);
    expect(await state()).toEqual(before);
    expect(await acceptWithPassword({ token: issued.token, name: "Ignored", password: "correct-horse-battery" })).toEqual({ workspaceSlug: a.slug, email });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe("Existing Person");
    expect(await db.prisma.membership.count({ where: { workspaceId: a.id, userId: b.userId(email) } })).toBe(1);
  });
});

describe("scoping", () => {
  it("an admin of B can neither revoke nor resend A's invitation, nor list it", async () => {
    const issued = await createInvitation(admin(), { email: `scoped${n}@example.com`, role: "viewer" });
    const before = await state();
    const bAdmin = b.ctx(`admin${n}@b.example`);
    await appError(revokeInvitation(bAdmin, { invitationId: issued.invitationId }), "not_found");
    await appError(resendInvitation(bAdmin, { invitationId: issued.invitationId }), "not_found");
    expect(await listPendingInvitations(bAdmin)).toEqual([]);
    expect(await state()).toEqual(before);
    expect(await getInvitationByToken(issued.token)).toMatchObject({ state: "open", workspaceSlug: a.slug });
  });

  it("an editor of A can neither revoke nor resend", async () => {
    const issued = await createInvitation(admin(), { email: `scoped${n}@example.com`, role: "viewer" });
    const before = await state();
    await appError(revokeInvitation(a.ctx(`editor${n}@a.example`), { invitationId: issued.invitationId }), "forbidden");
    await appError(resendInvitation(a.ctx(`editor${n}@a.example`), { invitationId: issued.invitationId }), "forbidden");
    expect(await state()).toEqual(before);
  });

  it("revoke and resend are audited with the invitation's email and role", async () => {
    const issued = await createInvitation(admin(), { email: `audited${n}@example.com`, role: "admin" });
    await resendInvitation(admin(), { invitationId: issued.invitationId });
    await revokeInvitation(admin(), { invitationId: issued.invitationId });
    await appError(revokeInvitation(admin(), { invitationId: issued.invitationId }), "not_found", /no longer pending/);
    const audit = await auditOf(a.id);
    expect(audit.map((r) => [r.action, r.entityId, r.diff])).toEqual(
      ["invitation.create", "invitation.resend", "invitation.revoke"].map((action) => [action, issued.invitationId, { email: `audited${n}@example.com`, role: "admin" }]),
    );
  });
});
