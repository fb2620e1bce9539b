import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { countSegment } from "@/lib/segments/count";
import { authenticateApiKey } from "@/lib/api/keys/authenticate";
import { DEMO_API_KEY, DEMO_SEGMENTS, DEMO_USERS, DEMO_WORKSPACE, ensureDemoWorkspace } from "@/lib/seed/demo";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;

async function totals(): Promise<Record<string, number>> {
  return {
    workspaces: await db.prisma.workspace.count(),
    users: await db.prisma.user.count(),
    memberships: await db.prisma.membership.count(),
    customers: await db.prisma.customer.count(),
    orders: await db.prisma.order.count(),
    events: await db.prisma.event.count(),
    customFields: await db.prisma.customField.count(),
    segments: await db.prisma.segment.count(),
  };
}

beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

describe("ensureDemoWorkspace", () => {
  it("creates the demo workspace, one user per role and the customers", async () => {
    const lines: string[] = [];
    const result = await ensureDemoWorkspace(db, { customers: 200, log: (line) => lines.push(line) });
    expect(result).toMatchObject({ workspaceCreated: true, usersCreated: 3, membershipsCreated: 3, customersLoaded: 200, segmentsCreated: DEMO_SEGMENTS.length });
    const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug } });
    expect(workspace).toMatchObject({ name: "Demo Store", timeZone: "Europe/Warsaw" });
    const members = await db.prisma.membership.findMany({ where: { workspaceId: workspace.id }, select: { role: true, user: { select: { email: true, passwordHash: true } } } });
    expect(members.map((m) => [m.user.email, m.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    for (const demoUser of DEMO_USERS) {
      const member = members.find((m) => m.user.email === demoUser.email)!;
      expect(await verifyPassword(member.user.passwordHash, demoUser.password)).toBe(true);
    }
    expect(await db.prisma.customer.count({ where: { workspaceId: workspace.id } })).toBe(200);
    expect(lines.join("\n")).toMatch(/Demo data loaded: 200 customers/);
  });

  it("saves the demo segments, each valid and with members", async () => {
    const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug } });
    const segments = await db.prisma.segment.findMany({ where: { workspaceId: workspace.id }, orderBy: { name: "asc" } });
    expect(segments.map((s) => s.name)).toEqual(DEMO_SEGMENTS.map((s) => s.name).sort());
    for (const s of segments) expect(await countSegment({ workspaceId: workspace.id, timeZone: workspace.timeZone }, s.definition), s.name).toBeGreaterThan(0);
  });

  it("makes the README's read-write API key, and never makes it again once revoked", async () => {
    const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug } });
    const ctx = await authenticateApiKey(db, DEMO_API_KEY.secret);
    expect(ctx).toMatchObject({ workspaceId: workspace.id, access: "read_write" });
    const key = await db.prisma.apiKey.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(key.prefix).toBe(DEMO_API_KEY.secret.slice(0, 12));
    await db.prisma.apiKey.update({ where: { workspaceId_id: { workspaceId: workspace.id, id: key.id } }, data: { revokedAt: new Date() } });
    await ensureDemoWorkspace(db, { customers: 200 });
    expect(await authenticateApiKey(db, DEMO_API_KEY.secret)).toBeNull();
    expect(await db.prisma.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
    await db.prisma.apiKey.update({ where: { workspaceId_id: { workspaceId: workspace.id, id: key.id } }, data: { revokedAt: null } });
  });

  it("adds nothing when called again", async () => {
    const before = await totals();
    const result = await ensureDemoWorkspace(db, { customers: 200 });
    expect(result).toMatchObject({ workspaceCreated: false, usersCreated: 0, membershipsCreated: 0, customersLoaded: 0, segmentsCreated: 0 });
    expect(await totals()).toEqual(before);
  });

  it("restores a missing demo user without loading customers again", async () => {
    await db.prisma.user.delete({ where: { email: DEMO_USERS[2].email } });
    const before = await totals();
    const result = await ensureDemoWorkspace(db, { customers: 200 });
    expect(result).toMatchObject({ workspaceCreated: false, usersCreated: 1, membershipsCreated: 1, customersLoaded: 0 });
    expect(await totals()).toEqual({ ...before, users: before.users + 1, memberships: before.memberships + 1 });
  });

  it("keeps a role an admin changed on purpose", async () => {
    const editor = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[1].email } });
    await db.prisma.membership.updateMany({ where: { userId: editor.id }, data: { role: "viewer" } });
    await ensureDemoWorkspace(db, { customers: 200 });
    expect((await db.prisma.membership.findFirstOrThrow({ where: { userId: editor.id } })).role).toBe("viewer");
  });
});
