import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { defaultWorkspaceSlug, lastWorkspaceSlug, requireContext } from "@/lib/auth/context";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { setupTestDb, teardownTestDb } from "./support/db";

const state = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; name: string },
  headers: new Headers(),
  cookie: undefined as string | undefined,
}));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));
vi.mock("next/headers", () => ({
  headers: async () => state.headers,
  cookies: async () => ({ get: (name: string) => (name === "segmenta-workspace" && state.cookie !== undefined ? { name, value: state.cookie } : undefined) }),
}));

let db: Db;
let acme: TestWorkspace;

beforeAll(async () => {
  db = await setupTestDb();
  acme = await createTestWorkspace(db, "acme", [
    { email: "admin@acme.test", role: "admin", name: "Ada" },
    { email: "viewer@acme.test", role: "viewer" },
  ]);
  await createTestWorkspace(db, "zeta", [{ email: "admin@acme.test", role: "viewer" }]);
  await createTestWorkspace(db, "hidden", [{ email: "someone@else.test", role: "admin" }]);
});
afterAll(teardownTestDb);
beforeEach(() => {
  state.user = null;
  state.headers = new Headers();
  state.cookie = undefined;
});

const as = (email: string) => {
  state.user = { id: acme.userId(email), email, name: email };
};

// redirect() and notFound() throw errors whose digest says where to go.
async function interrupt(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  return String((e as { digest?: string } | null)?.digest ?? e);
}

describe("requireContext", () => {
  it("returns the full context for a member", async () => {
    as("admin@acme.test");
    expect(await requireContext("acme", "members.manage")).toEqual({
      workspaceId: acme.id,
      workspaceSlug: "acme",
      workspaceName: "Workspace acme",
      timeZone: "Europe/Warsaw",
      userId: acme.userId("admin@acme.test"),
      userEmail: "admin@acme.test",
      userName: "admin@acme.test", // from the session user
      role: "admin",
    });
  });

  it("sends signed-out visitors to sign-in with the path they asked for", async () => {
    state.headers = new Headers({ "x-segmenta-path": "/w/acme/members?tab=1" });
    expect(await interrupt(requireContext("acme"))).toContain(`/login?callbackUrl=${encodeURIComponent("/w/acme/members?tab=1")}`);
    state.headers = new Headers();
    expect(await interrupt(requireContext("acme"))).toContain(`/login?callbackUrl=${encodeURIComponent("/w/acme")}`);
  });

  it("answers 404 for a workspace the user is not in, the same as for one that doesn't exist", async () => {
    as("admin@acme.test");
    const hidden = await interrupt(requireContext("hidden"));
    expect(hidden).toContain("404");
    expect(await interrupt(requireContext("does-not-exist"))).toBe(hidden);
    expect(await interrupt(requireContext("BAD SLUG"))).toBe(hidden);
  });

  it("sends a member without the permission to the workspace's no-access page", async () => {
    as("viewer@acme.test");
    expect(await interrupt(requireContext("acme", "members.manage"))).toContain("/w/acme/forbidden?permission=members.manage");
    expect((await requireContext("acme", "customers.read")).role).toBe("viewer");
  });
});

describe("last workspace", () => {
  it("reads a valid slug from the cookie", async () => {
    state.cookie = "zeta";
    expect(await lastWorkspaceSlug()).toBe("zeta");
    state.cookie = "../etc";
    expect(await lastWorkspaceSlug()).toBeNull();
  });

  it("prefers the last workspace when still a member, else the first by name", async () => {
    const userId = acme.userId("admin@acme.test");
    state.cookie = "zeta";
    expect(await defaultWorkspaceSlug(userId)).toBe("zeta");
    state.cookie = "hidden";
    expect(await defaultWorkspaceSlug(userId)).toBe("acme");
    state.cookie = undefined;
    expect(await defaultWorkspaceSlug(userId)).toBe("acme");
    expect(await defaultWorkspaceSlug("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
