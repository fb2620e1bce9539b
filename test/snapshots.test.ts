/** Daily segment snapshots: one row per segment and local day however often they run; counts checked by hand; scoping; the CLI. */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCliOn } from "./support/cli";
import type { Db } from "@/lib/db/client";
import { listSnapshots } from "@/lib/snapshots/queries";
import { enqueueDailyJobs } from "@/lib/jobs/daily";
import { startJobRunner } from "@/lib/jobs/runner";
import { SNAPSHOT_JOB } from "@/lib/snapshots/job";
import { takeSnapshots } from "@/lib/snapshots/take";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
let A: string;
let B: string;
const ids: Record<string, string> = {};
// 23:30 UTC on 14 June is already 15 June in Warsaw (UTC+2): the snapshot's day is the workspace's.
const now = new Date("2026-06-14T23:30:00Z");

async function saveSegment(workspaceId: string, name: string, definition: unknown): Promise<string> {
  const id = crypto.randomUUID();
  await db.sql.query(`INSERT INTO "Segment" ("workspaceId", "id", "name", "definition") VALUES ($1, $2, $3, $4::jsonb)`, [workspaceId, id, name, JSON.stringify(definition)]);
  return id;
}

async function rows(workspaceId: string) {
  return db.sql.query<{ segmentId: string; day: string; memberCount: number; revenue: string }>(
    `SELECT "segmentId"::text AS "segmentId", to_char("day", 'YYYY-MM-DD') AS "day", "memberCount", "revenue"::text AS "revenue"
       FROM "SegmentSnapshot" WHERE "workspaceId" = $1 ORDER BY "day", "segmentId"`,
    [workspaceId],
  );
}

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  db = await setupTestDb();
  A = await createWorkspace(db.sql, "Europe/Warsaw");
  B = await createWorkspace(db.sql, "UTC");
  const paid = (total: string) => ({ placedAt: new Date("2026-05-01T10:00:00Z"), total });
  await insertCustomers(db.sql, A, [
    customer({ country: "PL", orders: [paid("100.00"), paid("20.50")] }),
    customer({ country: "PL", orders: [paid("5.00"), { ...paid("999.00"), status: "refunded" }] }),
    customer({ country: "DE", orders: [paid("70.00")] }),
  ]);
  await insertCustomers(db.sql, B, [customer({ country: "PL" })]);
  ids.pl = await saveSegment(A, "PL", only(where("country", "eq", "PL")));
  ids.all = await saveSegment(A, "Everyone with orders", only(where("ordersCount", "gte", 1)));
  ids.b = await saveSegment(B, "B PL", only(where("country", "eq", "PL")));
});
afterAll(teardownTestDb);

describe("takeSnapshots", () => {
  test("writes each segment's members and paid revenue for the workspace's local day", async () => {
    const results = await takeSnapshots(now, { workspaceSlug: `ws-${A}` });
    expect(results).toEqual([{ slug: `ws-${A}`, day: "2026-06-15", taken: 2, existing: 0, failed: [] }]);
    const [hand] = await db.sql.query<{ n: number; revenue: string }>(
      `SELECT count(*)::int AS n, sum(o.total)::text AS revenue FROM "Customer" c LEFT JOIN "Order" o ON o."workspaceId" = c."workspaceId" AND o."customerId" = c.id AND o.status = 'paid'
        WHERE c."workspaceId" = $1 AND upper(c.country) = 'PL' GROUP BY c."workspaceId"`,
      [A],
    );
    const [{ members }] = await db.sql.query<{ members: number }>(`SELECT count(*)::int AS members FROM "Customer" WHERE "workspaceId" = $1 AND upper(country) = 'PL'`, [A]);
    const snapshots = await rows(A);
    expect(snapshots).toHaveLength(2);
    const pl = snapshots.find((s) => s.segmentId === ids.pl)!;
    expect(pl).toEqual({ segmentId: ids.pl, day: "2026-06-15", memberCount: members, revenue: "125.50" });
    expect(Number(hand.revenue)).toBe(125.5);
    expect(snapshots.find((s) => s.segmentId === ids.all)).toMatchObject({ memberCount: 3, revenue: "195.50" });
    expect(await rows(B)).toEqual([]); // --workspace A leaves B alone
  });

  test("never twice for one day: a second run (or a changed count) adds and changes nothing", async () => {
    const before = await rows(A);
    await insertCustomers(db.sql, A, [customer({ country: "PL", orders: [{ placedAt: new Date("2026-06-01T10:00:00Z"), total: "1.00" }] })]);
    const again = await takeSnapshots(new Date(now.getTime() + 3600_000), { workspaceSlug: `ws-${A}` });
    expect(again).toEqual([{ slug: `ws-${A}`, day: "2026-06-15", taken: 0, existing: 2, failed: [] }]);
    expect(await rows(A)).toEqual(before);
    // Concurrent runs race on the primary key: ON CONFLICT DO NOTHING keeps one row each.
    await db.sql.query(`DELETE FROM "SegmentSnapshot" WHERE "workspaceId" = $1`, [A]);
    const raced = await Promise.all([takeSnapshots(now, { workspaceSlug: `ws-${A}` }), takeSnapshots(now, { workspaceSlug: `ws-${A}` })]);
    expect(raced.flat().reduce((n, r) => n + r.taken, 0)).toBe(2);
    expect(await rows(A)).toHaveLength(2);
  });

  test("the next local day gets its own row; history reads one workspace's segment, oldest first", async () => {
    await insertCustomers(db.sql, A, [customer({ country: "PL" })]);
    await takeSnapshots(new Date("2026-06-15T22:30:00Z"), { workspaceSlug: `ws-${A}` }); // 16 June in Warsaw
    const history = await listSnapshots({ workspaceId: A }, ids.pl, "2026-06-16");
    expect(history.map((h) => h.day)).toEqual(["2026-06-15", "2026-06-16"]);
    expect(history[1].memberCount).toBe(history[0].memberCount + 1);
    expect(await listSnapshots({ workspaceId: B }, ids.pl, "2026-06-16")).toEqual([]);
  });

  test("--date records a past day, refuses a future one; a segment whose rules no longer validate is reported, the others still taken", async () => {
    const past = await takeSnapshots(now, { workspaceSlug: `ws-${B}`, date: "2026-06-10" });
    expect(past[0]).toMatchObject({ day: "2026-06-10", taken: 1 });
    await expect(takeSnapshots(now, { workspaceSlug: `ws-${B}`, date: "2026-06-16" })).rejects.toThrow(/after today/);
    await expect(takeSnapshots(now, { date: "2026-02-30" })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(takeSnapshots(now, { workspaceSlug: "nope" })).rejects.toThrow(/no workspace "nope"/);
    const broken = await saveSegment(B, "Broken", only(where("no_such_field", "eq", "x")));
    const [result] = await takeSnapshots(now, { workspaceSlug: `ws-${B}` });
    expect(result.taken).toBe(1);
    expect(result.failed).toEqual([{ segmentId: broken, name: "Broken", error: expect.stringContaining("no_such_field") }]);
    await db.sql.query(`DELETE FROM "Segment" WHERE "id" = $1`, [broken]);
  });

  test("the daily job and `npm run cli -- snapshots` take what is missing, once", async () => {
    await db.sql.query(`DELETE FROM "SegmentSnapshot"`);
    // The runner's daily check enqueues one job per workspace and local day; running them takes today's snapshots.
    expect(await enqueueDailyJobs(db.sql, new Date(), [SNAPSHOT_JOB])).toBe(2);
    expect(await enqueueDailyJobs(db.sql, new Date(), [SNAPSHOT_JOB])).toBe(0);
    const runner = startJobRunner({ sql: db.sql, dailyCheckMs: 0, workers: false, log: () => undefined });
    await runner.idle();
    await runner.stop();
    const jobs = await db.sql.query<{ state: string; day: string }>(`SELECT "state"::text AS "state", "payload"->>'day' AS "day" FROM "Job" WHERE "kind" = $1`, [SNAPSHOT_JOB]);
    expect(jobs.map((j) => j.state)).toEqual(["done", "done"]);
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "SegmentSnapshot"`);
    expect(n).toBe(3);
    // The jobs ran for today; the rest of this test records 15 June by hand.
    await db.sql.query(`DELETE FROM "SegmentSnapshot"`);
    await takeSnapshots(now);
    const first = await cli("snapshots", "--date", "2026-06-15");
    expect(first.code).toBe(0);
    expect(first.out).toContain(`ws-${A} 2026-06-15: 0 taken, 2 already taken`); // the check took Warsaw's 15 June
    expect(first.out).toContain(`ws-${B} 2026-06-15: 1 taken, 0 already taken`); // and UTC's 14 June
    const bad = await cli("snapshots", "--date", "June");
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--date: must be a date as YYYY-MM-DD/);
  });
});
