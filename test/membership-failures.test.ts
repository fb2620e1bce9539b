/**
 * Stored membership when something fails: a segment whose batch cannot be applied is set aside
 * (readers evaluate it live) while the drain goes on for the other segments; the runner's worker
 * isolates a failing workspace so the others' queues keep draining; and readers stop trusting
 * stored members once the queue is older than STALE_QUEUE_MS (an engine behind or stopped).
 * Runs on PGlite and (DATABASE_URL) PostgreSQL.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { drainMembership } from "@/lib/membership/drain";
import { onMembershipChange } from "@/lib/membership/hooks";
import { STALE_QUEUE_MS, storedMembership } from "@/lib/membership/read";
import { syncMembership } from "@/lib/membership/sync";
import { expectExact, insertSegment, queued, segmentState, storedMembers } from "./membership-support";
import { createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
const T0 = new Date("2026-06-10T12:00:00Z");

beforeAll(async () => {
  const { setupTestDb } = await import("./support/db");
  db = await setupTestDb();
});
afterAll(async () => {
  const { teardownTestDb } = await import("./support/db");
  await teardownTestDb();
});

/** A hook that fails every batch of one segment (standing in for any failure while applying it). */
function failFor(segmentId: string): () => void {
  return onMembershipChange(async (_tx, change) => {
    if (change.segmentId === segmentId) throw new Error("receiver table unavailable");
  });
}

async function workspaceWithTwoSegments(): Promise<{ ws: string; poles: string; germans: string; ana: string; bo: string }> {
  const ws = await createWorkspace(db.sql, "UTC");
  const [ana, bo] = [crypto.randomUUID(), crypto.randomUUID()];
  await insertCustomers(db.sql, ws, [customer({ id: ana, country: "PL" }), customer({ id: bo, country: "DE" })]);
  const poles = await insertSegment(db.sql, ws, only(where("country", "in", ["PL"])), "Poles");
  const germans = await insertSegment(db.sql, ws, only(where("country", "in", ["DE"])), "Germans");
  await syncMembership({ now: T0, workspaceId: ws });
  return { ws, poles, germans, ana, bo };
}

describe("stored membership when something fails", () => {
  it("a segment whose batch fails is set aside and read live; the drain applies the other segments and empties the queue", async () => {
    const { ws, poles, germans, ana, bo } = await workspaceWithTwoSegments();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const off = failFor(poles);
    try {
      await db.sql.query(`UPDATE "Customer" SET "country" = 'PL' WHERE "workspaceId" = $1 AND "id" = $2`, [ws, bo]);
      expect(await drainMembership({ now: T0, workspaceId: ws })).toBe(true);
      expect(await queued(db.sql, ws)).toBe(0);
      expect(await storedMembers(db.sql, ws, germans)).toEqual([]);
      expect((await segmentState(db.sql, ws, germans, T0)).usable).toBe(true);
      // Poles: not applied, and no longer usable, so no reader shows its stale members.
      expect(await storedMembers(db.sql, ws, poles)).toEqual([ana]);
      expect((await segmentState(db.sql, ws, poles, T0)).usable).toBe(false);
      expect(errors.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(new RegExp(`applying writes to segment ${poles}.*receiver table unavailable`));
    } finally {
      off();
      errors.mockRestore();
    }
    // Once the failure is gone, the next sync evaluates it in full and everything is exact.
    await syncMembership({ now: T0, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, poles)).toEqual([ana, bo].sort());
    expect(await expectExact(db.sql, ws, T0)).toBe(2);
  });

  it("the worker's sync isolates a failing workspace: the others still drain; the command line's sync throws", async () => {
    // Workspaces sync in id order: the broken one comes first, so the healthy one is reached only past the failure.
    const [broken, healthy] = [await workspaceWithTwoSegments(), await workspaceWithTwoSegments()].sort((a, b) => a.ws.localeCompare(b.ws));
    // The broken workspace's segment needs a full evaluation that fails every time.
    await db.sql.query(`UPDATE "Segment" SET "version" = "version" + 1 WHERE "workspaceId" = $1 AND "id" = $2`, [broken.ws, broken.poles]);
    await db.sql.query(`UPDATE "Customer" SET "country" = 'PL' WHERE "workspaceId" = $1 AND "id" = $2`, [healthy.ws, healthy.bo]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // Full evaluation of an already stored segment changes nothing unless a member differs: make it differ.
    await db.sql.query(`DELETE FROM "SegmentMember" WHERE "workspaceId" = $1 AND "segmentId" = $2`, [broken.ws, broken.poles]);
    const off = failFor(broken.poles);
    try {
      await syncMembership({ now: T0, isolateFailures: true });
      expect(await queued(db.sql, healthy.ws)).toBe(0);
      expect(await storedMembers(db.sql, healthy.ws, healthy.poles)).toEqual([healthy.ana, healthy.bo].sort());
      expect((await segmentState(db.sql, broken.ws, broken.poles, T0)).usable).toBe(false);
      expect(errors.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(new RegExp(`evaluating segment ${broken.poles}`));
      await expect(syncMembership({ now: T0, workspaceId: broken.ws })).rejects.toThrow(/receiver table unavailable/);
    } finally {
      off();
      errors.mockRestore();
    }
  });

  it("readers use stored members while the queue is fresh and evaluate live once it is older than STALE_QUEUE_MS", async () => {
    const { ws, poles } = await workspaceWithTwoSegments();
    const scope = { workspaceId: ws, timeZone: "UTC" };
    await db.sql.query(`INSERT INTO "MembershipDirty" ("workspaceId", "customerId", "at") VALUES ($1, gen_random_uuid(), $2)`, [ws, T0.toISOString()]);
    const fresh = await storedMembership(scope, poles, new Date(T0.getTime() + 5_000));
    expect(fresh).toMatchObject({ usable: true, memberCount: 1 });
    expect(fresh.asOf?.toISOString()).toBe(T0.toISOString());
    expect(await storedMembership(scope, poles, new Date(T0.getTime() + STALE_QUEUE_MS + 1_000))).toEqual({ usable: false, asOf: null, memberCount: null });
  });
});
