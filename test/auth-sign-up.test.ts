import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { listMyWorkspaces } from "@/lib/auth/queries";
import { confirmSignUp } from "@/lib/auth/sign-up-confirm";
import { SIGN_UP_REFUSED, signUp as signUpRaw, type SignUpInput } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

const mail = vi.hoisted(() => ({ configured: false, sent: [] as { to: string; subject: string; text: string }[] }));
vi.mock("@/lib/mail/mailer", () => ({
  isMailConfigured: () => mail.configured,
  sendMail: async (m: { to: string; subject: string; text: string }) => {
    mail.sent.push(m);
    return true;
  },
}));

const ORIGIN = "http://localhost:3100";
const signUp = (input: SignUpInput) => signUpRaw(input, { origin: ORIGIN });
async function created(p: Promise<Awaited<ReturnType<typeof signUpRaw>>>) {
  const outcome = await p;
  if (outcome.status !== "created") throw new Error(`expected created, got ${outcome.status}`);
  return outcome;
}

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

const input = (over: Partial<SignUpInput> = {}): SignUpInput => ({
  name: "Maja Nowak",
  email: "Maja@Example.com",
  password: "a-long-password",
  workspaceName: "Acme Marketing",
  slug: "acme-marketing",
  timeZone: "Europe/Warsaw",
  ...over,
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const counts = async () => ({ users: await db.prisma.user.count(), workspaces: await db.prisma.workspace.count(), memberships: await db.prisma.membership.count() });

beforeEach(() => {
  mail.configured = false;
  mail.sent = [];
});

describe("signUp without SMTP", () => {
  it("creates the user and a workspace with the user as admin, who can then sign in", async () => {
    const { userId, slug } = await created(signUp(input()));
    expect(slug).toBe("acme-marketing");
    const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { slug } });
    expect(ws).toMatchObject({ name: "Acme Marketing", timeZone: "Europe/Warsaw" });
    expect(await listMyWorkspaces(userId)).toEqual([{ slug, name: "Acme Marketing", role: "admin" }]);
    expect(await authorizeCredentials({ email: "maja@example.com", password: "a-long-password" }, "198.51.100.1")).toMatchObject({ id: userId, name: "Maja Nowak" });
  });

  it("answers a registered email with another password generically, creating nothing", async () => {
    const before = await counts();
    const e = await failure(signUp(input({ email: "MAJA@example.com", slug: "another-one", password: "other-password" })));
    expect(e.message).toBe(SIGN_UP_REFUSED);
    expect(e.fieldErrors).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(await authorizeCredentials({ email: "maja@example.com", password: "other-password" }, "198.51.100.1")).toBeNull();
  });

  it("adds the new workspace to a registered email whose password matches, as a new account would get it", async () => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "maja@example.com" } });
    const outcome = await created(signUp(input({ email: "maja@example.com", name: "Someone Else", slug: "maja-second", workspaceName: "Second" })));
    expect(outcome).toEqual({ status: "created", userId: user.id, slug: "maja-second" });
    expect((await listMyWorkspaces(user.id)).map((w) => [w.slug, w.role])).toEqual([
      ["acme-marketing", "admin"],
      ["maja-second", "admin"],
    ]);
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.name, after.passwordHash]).toEqual([user.name, user.passwordHash]);
  });

  it("refuses a taken address, creating nothing", async () => {
    const before = await counts();
    const e = await failure(signUp(input({ email: "second@example.com" })));
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors).toEqual({ slug: "This address is taken." });
    expect(await counts()).toEqual(before);
  });

  it("removes the new account again if the workspace loses a race for its address", async () => {
    const before = await counts();
    const results = await Promise.allSettled([created(signUp(input({ email: "r1@example.com", slug: "race" }))), created(signUp(input({ email: "r2@example.com", slug: "race" })))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const after = await counts();
    expect(after).toEqual({ users: before.users + 1, workspaces: before.workspaces + 1, memberships: before.memberships + 1 });
  });

  it("names every invalid field", async () => {
    const e = await failure(signUp({ name: "", email: "nope", password: "short", workspaceName: " ", slug: "Bad Slug", timeZone: "Mars/Olympus" }));
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "slug", "timeZone", "workspaceName"]);
    expect(e.fieldErrors?.timeZone).toMatch(/IANA/);
  });
});

describe("signUp with SMTP", () => {
  beforeEach(() => {
    mail.configured = true;
  });

  it("answers a new and a registered address the same, e-mailing a confirmation link or a sign-in reminder", async () => {
    const before = await counts();
    const fresh = await signUp(input({ email: "Newcomer@Example.com", slug: "newcomer" }));
    const registered = await signUp(input({ email: "maja@example.com", slug: "newcomer", password: "wrong-password" }));
    expect(fresh).toEqual({ status: "check-inbox", email: "newcomer@example.com" });
    expect(registered).toEqual({ status: "check-inbox", email: "maja@example.com" });
    expect(Object.keys(fresh).sort()).toEqual(Object.keys(registered).sort());
    expect(await counts()).toEqual(before);
    expect(mail.sent.map((m) => [m.to, m.subject])).toEqual([
      ["newcomer@example.com", "Confirm your Segmenta sign-up"],
      ["maja@example.com", "You already have a Segmenta account"],
    ]);
    expect(mail.sent[1].text).toContain(`${ORIGIN}/login`);
    const pending = await db.prisma.pendingSignUp.findMany({ select: { email: true, tokenHash: true } });
    expect(pending.map((p) => p.email)).toEqual(["newcomer@example.com"]);
    expect(mail.sent[0].text).not.toContain(pending[0].tokenHash);
  });

  it("creates the account and workspace from the link once, and only within 24 hours", async () => {
    await signUp(input({ email: "confirm@example.com", slug: "confirmed" }));
    const token = /\/signup\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.sent[0].text)?.[1] ?? "";
    expect(token).not.toBe("");
    await expect(confirmSignUp(token, new Date(Date.now() + 25 * 3600_000))).rejects.toThrow(/expired/);
    expect(await db.prisma.user.count({ where: { email: "confirm@example.com" } })).toBe(0);
    expect(await confirmSignUp(token)).toEqual({ email: "confirm@example.com", slug: "confirmed" });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "confirm@example.com" } });
    expect(await listMyWorkspaces(user.id)).toEqual([{ slug: "confirmed", name: "Acme Marketing", role: "admin" }]);
    expect(await authorizeCredentials({ email: "confirm@example.com", password: "a-long-password" }, "192.0.2.1")).toMatchObject({ id: user.id });
    await expect(confirmSignUp(token)).rejects.toThrow(/not valid or has expired/);
  });

  it("keeps only the latest link for an address", async () => {
    await signUp(input({ email: "twice@example.com", slug: "twice" }));
    await signUp(input({ email: "twice@example.com", slug: "twice" }));
    const [first, second] = mail.sent.map((m) => /\/signup\/confirm\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1] ?? "");
    await expect(confirmSignUp(first)).rejects.toThrow(/not valid/);
    expect(await confirmSignUp(second)).toMatchObject({ slug: "twice" });
  });
});
