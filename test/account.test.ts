import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { changePassword, describeResetToken, issueResetLink, requestPasswordReset, resetPasswordWithToken } from "@/lib/account/mutations";
import { hashResetToken } from "@/lib/account/tokens";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

// getSessionUser reads the session through next-auth; here the session is the one the callbacks make from a token.
const state: { token: Record<string, unknown> | null } = { token: null };
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => {
    if (!state.token) return null;
    const session = authOptions.callbacks!.session!;
    return session({ session: { expires: "x", user: {} }, token: state.token } as never);
  },
}));
const sent: Array<{ to: string; text: string }> = [];
vi.mock("@/lib/mail/mailer", () => ({
  isMailConfigured: () => process.env.SMTP_URL !== undefined && process.env.SMTP_URL !== "",
  sendMail: async (m: { to: string; text: string }) => {
    sent.push(m);
    return true;
  },
}));

const { getSessionUser } = await import("@/lib/auth/session");

let db: Db;
let acme: TestWorkspace;
let globex: TestWorkspace;
const PASSWORD = "correct-horse-battery";
const ORIGIN = "https://segmenta.example";
const ADDR = "198.51.100.20";

beforeAll(async () => {
  db = await setupTestDb();
  acme = await createTestWorkspace(db, "acme", [
    { email: "ada@acme.test", role: "admin", name: "Ada" },
    { email: "ed@acme.test", role: "editor", name: "Ed" },
    { email: "both@example.com", role: "viewer", name: "Bo" },
  ]);
  globex = await createTestWorkspace(db, "globex", [
    { email: "gus@globex.test", role: "admin", name: "Gus" },
    { email: "both@example.com", role: "editor", name: "Bo" },
  ]);
});
afterAll(teardownTestDb);
beforeEach(async () => {
  await db.prisma.rateLimit.deleteMany({});
  sent.length = 0;
  vi.unstubAllEnvs();
});

async function tokenFor(email: string, password: string) {
  const user = await authorizeCredentials({ email, password }, ADDR);
  if (!user) throw new Error(`cannot sign in as ${email}`);
  const jwt = authOptions.callbacks!.jwt!;
  return jwt({ token: { email: user.email, name: user.name }, user, account: null } as never);
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const audits = (action: string) => db.prisma.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("change password", () => {
  it("needs the current password and the new one twice, changing nothing otherwise", async () => {
    const id = acme.userId("ed@acme.test");
    const wrong = await failure(changePassword(id, { currentPassword: "nope-nope", newPassword: "new-password-1", confirmPassword: "new-password-1" }, ADDR));
    expect(wrong.fieldErrors).toEqual({ currentPassword: "This is not your current password." });
    await expect(changePassword(id, { currentPassword: PASSWORD, newPassword: "new-password-1", confirmPassword: "new-password-2" }, ADDR)).rejects.toThrow();
    await expect(changePassword(id, { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }, ADDR)).rejects.toThrow();
    expect(await authorizeCredentials({ email: "ed@acme.test", password: PASSWORD }, ADDR)).not.toBeNull();
    expect(await audits("user.password_change")).toHaveLength(0);
  });

  it("signs out an older session token, keeps the new password, and audits in every workspace (no password in the diff)", async () => {
    const email = "both@example.com";
    const id = acme.userId(email);
    const old = await tokenFor(email, PASSWORD);
    state.token = old;
    expect(await getSessionUser()).toMatchObject({ id, email });

    await changePassword(id, { currentPassword: PASSWORD, newPassword: "brand-new-pass", confirmPassword: "brand-new-pass" }, ADDR);
    state.token = old;
    expect(await getSessionUser()).toBeNull();
    expect(await authorizeCredentials({ email, password: PASSWORD }, ADDR)).toBeNull();
    state.token = await tokenFor(email, "brand-new-pass");
    expect(await getSessionUser()).toMatchObject({ id, sessionVersion: 1 });

    const rows = await audits("user.password_change");
    expect(rows.map((r) => r.workspaceId).sort()).toEqual([acme.id, globex.id].sort());
    for (const r of rows) expect(r).toMatchObject({ actorId: id, entityType: "user", entityId: id, diff: {} });
    // Put it back for the other tests.
    await changePassword(id, { currentPassword: "brand-new-pass", newPassword: PASSWORD, confirmPassword: PASSWORD }, ADDR);
    state.token = null;
  });

  it("is held to the sign-in limits, so an open session cannot be used to guess the password", async () => {
    const id = acme.userId("ed@acme.test");
    for (let i = 0; i < 5; i++) await failure(changePassword(id, { currentPassword: `guess-${i}`, newPassword: "new-password-1", confirmPassword: "new-password-1" }, ADDR));
    const e = await failure(changePassword(id, { currentPassword: PASSWORD, newPassword: "new-password-1", confirmPassword: "new-password-1" }, ADDR));
    expect(e.code).toBe("rate_limited");
    expect(e.message).toMatch(/Try again in 15 minutes\./);
  });
});

describe("admin reset links", () => {
  const admin = () => acme.ctx("ada@acme.test");

  it("an admin issues a one-time link (hash stored only) that sets the password, signs out every session and is audited", async () => {
    const edId = acme.userId("ed@acme.test");
    const edSession = await tokenFor("ed@acme.test", PASSWORD);
    const link = await issueResetLink(admin(), { userId: edId }, ORIGIN);
    expect(link).toMatchObject({ email: "ed@acme.test", emailed: false });
    const token = link.path.split("/").pop()!;
    expect(link.path).toBe(`/reset-password/${token}`);
    const stored = await db.prisma.passwordResetToken.findMany({ where: { userId: edId } });
    expect(stored.map((t) => t.tokenHash)).toContain(hashResetToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    expect(await audits("member.reset_link")).toEqual([expect.objectContaining({ workspaceId: acme.id, actorId: admin().userId, entityType: "member", entityId: edId })]);

    expect(await describeResetToken(token)).toMatchObject({ status: "valid", email: "ed@acme.test" });
    await resetPasswordWithToken({ token, newPassword: "reset-password-1", confirmPassword: "reset-password-1" });
    expect(await authorizeCredentials({ email: "ed@acme.test", password: "reset-password-1" }, ADDR)).not.toBeNull();
    state.token = edSession;
    expect(await getSessionUser()).toBeNull();
    state.token = null;
    expect(await audits("user.password_reset")).toEqual([expect.objectContaining({ workspaceId: acme.id, actorId: edId, entityType: "user", entityId: edId, diff: {} })]);

    // One time only: the second use changes nothing.
    expect(await describeResetToken(token)).toEqual({ status: "used" });
    const again = await failure(resetPasswordWithToken({ token, newPassword: "reset-password-2", confirmPassword: "reset-password-2" }));
    expect(again.message).toMatch(/already been used/);
    expect(await authorizeCredentials({ email: "ed@acme.test", password: "reset-password-1" }, ADDR)).not.toBeNull();
  });

  it("expires after one hour, changing nothing", async () => {
    const edId = acme.userId("ed@acme.test");
    const link = await issueResetLink(admin(), { userId: edId }, ORIGIN);
    const token = link.path.split("/").pop()!;
    const later = new Date(Date.now() + 60 * 60_000 + 1000);
    expect(await describeResetToken(token, later)).toEqual({ status: "expired" });
    const e = await failure(resetPasswordWithToken({ token, newPassword: "too-late-pass", confirmPassword: "too-late-pass" }, later));
    expect(e.message).toMatch(/expired/);
    expect(await authorizeCredentials({ email: "ed@acme.test", password: "too-late-pass" }, ADDR)).toBeNull();
    expect((await db.prisma.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) } }))?.usedAt).toBeNull();
  });

  it("a password change makes outstanding links unusable; unknown tokens are refused", async () => {
    const boId = acme.userId("both@example.com");
    const link = await issueResetLink(admin(), { userId: boId }, ORIGIN);
    await changePassword(boId, { currentPassword: PASSWORD, newPassword: "changed-pass-1", confirmPassword: "changed-pass-1" }, ADDR);
    expect(await describeResetToken(link.path.split("/").pop()!)).toEqual({ status: "used" });
    expect(await describeResetToken("A".repeat(43))).toEqual({ status: "unknown" });
    await changePassword(boId, { currentPassword: "changed-pass-1", newPassword: PASSWORD, confirmPassword: PASSWORD }, ADDR);
  });

  it("only for members of the admin's own workspace, never by editors, never for yourself", async () => {
    const before = await db.prisma.passwordResetToken.count();
    const gusId = globex.userId("gus@globex.test");
    expect((await failure(issueResetLink(admin(), { userId: gusId }, ORIGIN))).code).toBe("not_found");
    expect((await failure(issueResetLink(globex.ctx("gus@globex.test"), { userId: acme.userId("ed@acme.test") }, ORIGIN))).code).toBe("not_found");
    expect((await failure(issueResetLink(acme.ctx("ed@acme.test"), { userId: acme.userId("both@example.com") }, ORIGIN))).code).toBe("forbidden");
    expect((await failure(issueResetLink(admin(), { userId: admin().userId }, ORIGIN))).code).toBe("invalid");
    expect(await db.prisma.passwordResetToken.count()).toBe(before);
  });

  it("e-mails the link when SMTP is configured", async () => {
    vi.stubEnv("SMTP_URL", "smtp://mail.example:25");
    const link = await issueResetLink(admin(), { userId: acme.userId("ed@acme.test") }, ORIGIN);
    expect(link.emailed).toBe(true);
    expect(sent).toEqual([expect.objectContaining({ to: "ed@acme.test", text: expect.stringContaining(`${ORIGIN}${link.path}`) })]);
  });
});

describe("forgot password", () => {
  it("without SMTP says so and creates nothing", async () => {
    vi.stubEnv("SMTP_URL", "");
    const before = await db.prisma.passwordResetToken.count();
    expect(await requestPasswordReset({ email: "ed@acme.test" }, ADDR, ORIGIN)).toEqual({ status: "mail_not_configured" });
    expect(await db.prisma.passwordResetToken.count()).toBe(before);
  });

  it("with SMTP answers the same for known and unknown addresses and mails a working link to the known one", async () => {
    vi.stubEnv("SMTP_URL", "smtp://mail.example:25");
    expect(await requestPasswordReset({ email: "nobody@example.com" }, ADDR, ORIGIN)).toEqual({ status: "accepted" });
    expect(await requestPasswordReset({ email: "ED@acme.test" }, ADDR, ORIGIN)).toEqual({ status: "accepted" });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].to).toBe("ed@acme.test");
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(sent[0].text)![1];
    expect(await describeResetToken(token)).toMatchObject({ status: "valid", email: "ed@acme.test" });
  });

  it("is limited per client address", async () => {
    vi.stubEnv("SMTP_URL", "smtp://mail.example:25");
    for (let i = 0; i < 5; i++) expect(await requestPasswordReset({ email: `n${i}@example.com` }, "192.0.2.50", ORIGIN)).toEqual({ status: "accepted" });
    expect(await requestPasswordReset({ email: "ed@acme.test" }, "192.0.2.50", ORIGIN)).toEqual({ status: "rate_limited", retryAfterMinutes: 60 });
    expect(sent).toHaveLength(0);
  });
});
