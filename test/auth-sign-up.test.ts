import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { listMyWorkspaces } from "@/lib/auth/queries";
import { signUp, type SignUpInput } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

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

describe("signUp", () => {
  it("creates the user and a workspace with the user as admin, who can then sign in", async () => {
    const { userId, slug } = await signUp(input());
    expect(slug).toBe("acme-marketing");
    const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { slug } });
    expect(ws).toMatchObject({ name: "Acme Marketing", timeZone: "Europe/Warsaw" });
    expect(await listMyWorkspaces(userId)).toEqual([{ slug, name: "Acme Marketing", role: "admin" }]);
    expect(await authorizeCredentials({ email: "maja@example.com", password: "a-long-password" })).toMatchObject({ id: userId, name: "Maja Nowak" });
  });

  it("refuses an email that already has an account, creating nothing", async () => {
    const before = await counts();
    const e = await failure(signUp(input({ email: "MAJA@example.com", slug: "another-one", password: "other-password" })));
    expect(e.fieldErrors).toEqual({ email: "An account with this email already exists — sign in instead." });
    expect(await counts()).toEqual(before);
    expect(await authorizeCredentials({ email: "maja@example.com", password: "other-password" })).toBeNull();
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
    const results = await Promise.allSettled([signUp(input({ email: "r1@example.com", slug: "race" })), signUp(input({ email: "r2@example.com", slug: "race" }))]);
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
