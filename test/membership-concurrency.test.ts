/**
 * The drain under concurrency and failure. On PostgreSQL (PGlite runs everything serially and
 * would hide races): two drains in parallel and writers committing during drains leave stored
 * membership exact with nothing applied twice. On both: a segment whose batch fails midway is
 * rolled back to its savepoint (nothing of it applied or logged) and set aside until the next sync.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { drainMembership } from "@/lib/membership/drain";
import { onMembershipChange } from "@/lib/membership/hooks";
import { syncMembership } from "@/lib/membership/sync";
import { expectExact, insertSegment, queued } from "./membership-support";
import { createWorkspace, customer, insertCustomers, only, where } from "./segments-support";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let ws: string;
const NOW = new Date("2026-06-10T12:00:00Z");
const people = Array.from({ length: 200 }, (_, i) => customer({ country: i % 2 ? "PL" : "DE", companySize: i }));

beforeAll(async () => {
  db = await setupTestDb();
  ws = await createWorkspace(db.sql);
  await insertCustomers(db.sql, ws, people);
  await insertSegment(db.sql, ws, only(where("country", "in", ["PL"])), "Poles");
  await insertSegment(db.sql, ws, only(where("companySize", "gte", 100)), "Big");
  await syncMembership({ now: NOW, workspaceId: ws });
});
afterAll(teardownTestDb);

/** Entries minus exits per (segment, customer) must be 0 or 1, and 1 exactly for stored members. */
async function expectLogConsistent(): Promise<void> {
  const rows = await db.sql.query<{ bad: number }>(
    `SELECT count(*)::int AS "bad" FROM (
       SELECT l."segmentId", l."customerId", sum(CASE WHEN l."kind" = 'entered' THEN 1 ELSE -1 END) AS "net",
              bool_or(m."customerId" IS NOT NULL) AS "member"
         FROM "SegmentMembershipChange" l LEFT JOIN "SegmentMember" m
           ON m."workspaceId" = l."workspaceId" AND m."segmentId" = l."segmentId" AND m."customerId" = l."customerId"
        WHERE l."workspaceId" = $1 GROUP BY 1, 2) x
      WHERE x."net" <> (CASE WHEN x."member" THEN 1 ELSE 0 END)`,
    [ws],
  );
  expect(rows[0].bad).toBe(0);
}

describe("drain failure", () => {
  it("a segment that fails midway is rolled back to its savepoint: nothing of it applied or logged, set aside, and made exact by the next sync", async () => {
    await db.sql.query(`UPDATE "Customer" SET "country" = 'PL' WHERE "workspaceId" = $1 AND "country" = 'DE' AND "companySize" < 10`, [ws]);
    expect(await queued(db.sql, ws)).toBe(5);
    const [{ n: before }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "SegmentMembershipChange"`);
    let calls = 0;
    const failed: string[] = [];
    const off = onMembershipChange(async (_tx, change) => {
      calls += 1;
      failed.push(change.segmentId);
      throw new Error("crash after applying the first batch");
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await drainMembership({ now: NOW })).toBe(true);
    } finally {
      off();
      errors.mockRestore();
    }
    // Only Poles changes (5 customers moved to PL): its batch failed and was rolled back.
    expect(calls).toBe(1);
    expect(await queued(db.sql, ws)).toBe(0);
    const [{ n: after }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "SegmentMembershipChange"`);
    expect(after).toBe(before);
    const [{ v }] = await db.sql.query<{ v: number | null }>(`SELECT "membershipVersion" AS "v" FROM "Segment" WHERE "workspaceId" = $1 AND "id" = $2`, [ws, failed[0]]);
    expect(v).toBeNull();
    await syncMembership({ now: NOW, workspaceId: ws });
    await expectExact(db.sql, ws, NOW);
    await expectLogConsistent();
  });
});

describe.runIf(process.env.DATABASE_URL)("concurrent drains and writers (PostgreSQL)", () => {
  it("two drains in parallel with writers committing meanwhile stay exact and apply nothing twice", async () => {
    const ids = people.map((p) => p.customer.id);
    const writer = async (seed: number) => {
      for (let i = 0; i < 40; i++) {
        const id = ids[(seed * 7919 + i * 31) % ids.length];
        const country = (seed + i) % 3 === 0 ? "DE" : "PL";
        await db.sql.query(`UPDATE "Customer" SET "country" = $3, "companySize" = "companySize" + $4 WHERE "workspaceId" = $1 AND "id" = $2`, [ws, id, country, (i % 5) - 2]);
      }
    };
    const drainer = async () => {
      for (let i = 0; i < 30; i++) await drainMembership({ now: NOW, limit: 7 });
    };
    await Promise.all([writer(1), writer(2), writer(3), drainer(), drainer()]);
    while (await drainMembership({ now: NOW })) {
      /* until the queue is empty */
    }
    expect(await queued(db.sql, ws)).toBe(0);
    await expectExact(db.sql, ws, NOW);
    await expectLogConsistent();
  });

  it("a full evaluation racing a drain and writers stays exact", async () => {
    const ids = people.map((p) => p.customer.id);
    const writes = (async () => {
      for (let i = 0; i < 30; i++) {
        await db.sql.query(`UPDATE "Customer" SET "companySize" = $3 WHERE "workspaceId" = $1 AND "id" = $2`, [ws, ids[i * 3], 50 + i * 5]);
      }
    })();
    await Promise.all([writes, syncMembership({ now: NOW, workspaceId: ws, full: true }), drainMembership({ now: NOW, limit: 3 })]);
    await syncMembership({ now: NOW, workspaceId: ws });
    await expectExact(db.sql, ws, NOW);
    await expectLogConsistent();
  });
});
