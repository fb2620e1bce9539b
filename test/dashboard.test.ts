/** Segment dashboards and comparisons checked against hand-written SQL on a generated workspace; workspace scoping. */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compareIdsSchema, compareSegments, getComparedSegments } from "@/lib/dashboard/compare";
import { exportSegmentMembersCsv, MEMBER_EXPORT_HEADER } from "@/lib/dashboard/export";
import { computeDashboard, getDashboardSegment } from "@/lib/dashboard/queries";
import type { SegmentDashboard } from "@/lib/dashboard/types";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { refreshPredictions } from "@/lib/predict/mutations";
import { refreshRfm } from "@/lib/rfm/mutations";
import { seedWorkspace } from "@/lib/seed/load";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
const now = new Date("2026-06-15T10:00:00Z");
const TZ = "Europe/Warsaw";
let A: { workspaceId: string; timeZone: string };
let B: { workspaceId: string; timeZone: string };

// The segment under test and its hand-written twin over "Customer" c.
const HIGH_OPT_IN = { version: 1, root: { type: "group", combinator: "and", children: [
  { type: "field", field: "totalSpent", operator: "gte", value: 300 },
  { type: "field", field: "emailOptIn", operator: "is_true" },
] } };
const HIGH_OPT_IN_SQL = `c."totalSpent" >= 300 AND c."emailOptIn"`;
const BUYERS_90 = { version: 1, root: { type: "group", combinator: "and", children: [
  { type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 90, unit: "day" } },
] } };
const BUYERS_90_SQL = `EXISTS (SELECT 1 FROM "Order" o WHERE o."workspaceId" = c."workspaceId" AND o."customerId" = c.id AND o.status = 'paid'
  AND o."placedAt" >= ((date_trunc('day', $2::timestamptz AT TIME ZONE $3) - interval '90 days') AT TIME ZONE $3) AND o."placedAt" <= $2::timestamptz)`;
const FEMALE = { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "gender", operator: "eq", value: "female" }] } };
const FEMALE_SQL = `c.gender = 'female'`;

async function saveSegment(workspaceId: string, name: string, definition: unknown): Promise<string> {
  const id = crypto.randomUUID();
  await db.sql.query(`INSERT INTO "Segment" ("workspaceId", "id", "name", "definition") VALUES ($1, $2, $3, $4::jsonb)`, [workspaceId, id, name, JSON.stringify(definition)]);
  return id;
}

/** Rows of a hand-written query; $1 workspace, $2 now, $3 time zone. */
async function hand<T>(text: string, workspaceId = A.workspaceId): Promise<T[]> {
  const used = Math.max(1, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return db.sql.query<T>(text, [workspaceId, now.toISOString(), TZ].slice(0, used));
}

const members = (predicate: string) => `SELECT c.* FROM "Customer" c WHERE c."workspaceId" = $1 AND (${predicate})`;
const TWELVE_MONTHS_AGO = `((date_trunc('day', $2::timestamptz AT TIME ZONE $3) - interval '12 months') AT TIME ZONE $3)`;

beforeAll(async () => {
  db = await setupTestDb();
  const a = await createWorkspace(db, { slug: "dash-a", name: "A", timeZone: TZ });
  const b = await createWorkspace(db, { slug: "dash-b", name: "B", timeZone: TZ });
  await seedWorkspace(db, { workspaceSlug: "dash-a", customers: 400, seed: 11, now, worker: false });
  await seedWorkspace(db, { workspaceSlug: "dash-b", customers: 150, seed: 12, now, worker: false });
  A = { workspaceId: a.id, timeZone: TZ };
  B = { workspaceId: b.id, timeZone: TZ };
  await refreshRfm(A, now.toISOString().slice(0, 10));
  expect((await refreshPredictions(A, { asOf: now.toISOString().slice(0, 10) })).status).toBe("ok");
}, 180_000);
afterAll(teardownTestDb);

describe("computeDashboard", () => {
  let d: SegmentDashboard;
  beforeAll(async () => {
    d = await computeDashboard(A, HIGH_OPT_IN, { now });
  });

  test("headline numbers match hand-written SQL", async () => {
    const [m] = await hand<{ n: number; revenue: string; orders: number; paid: string }>(
      `SELECT count(*)::int AS n, sum(c."totalSpent")::text AS revenue, sum(c."ordersCount")::int AS orders,
              (SELECT sum(o.total)::text FROM "Order" o WHERE o."workspaceId" = $1 AND o.status = 'paid' AND o."customerId" IN (SELECT id FROM (${members(HIGH_OPT_IN_SQL)}) x)) AS paid
         FROM (${members(HIGH_OPT_IN_SQL)}) c`,
    );
    const [all] = await hand<{ n: number; revenue: string }>(`SELECT count(*)::int AS n, sum("totalSpent")::text AS revenue FROM "Customer" WHERE "workspaceId" = $1`);
    const [r12] = await hand<{ members: string; everyone: string }>(
      `SELECT sum(o.total) FILTER (WHERE o."customerId" IN (SELECT id FROM (${members(HIGH_OPT_IN_SQL)}) x))::text AS members, sum(o.total)::text AS everyone
         FROM "Order" o WHERE o."workspaceId" = $1 AND o.status = 'paid' AND o."placedAt" >= ${TWELVE_MONTHS_AGO} AND o."placedAt" <= $2::timestamptz`,
    );
    const [fresh] = await hand<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${members(HIGH_OPT_IN_SQL)}) c
        WHERE c."createdAt" >= ((date_trunc('day', $2::timestamptz AT TIME ZONE $3) - interval '30 days') AT TIME ZONE $3) AND c."createdAt" <= $2::timestamptz`,
    );
    const h = d.headline;
    expect(m.n).toBeGreaterThan(10);
    expect(h.members).toBe(m.n);
    expect(h.customers).toBe(400);
    expect(all.n).toBe(400);
    expect(Number(h.revenue)).toBeCloseTo(Number(m.revenue), 2);
    expect(Number(m.paid)).toBeCloseTo(Number(m.revenue), 2); // revenue = paid orders = the derived totalSpent
    expect(h.memberShare).toBeCloseTo(m.n / 400, 10);
    expect(h.revenueShare).toBeCloseTo(Number(m.revenue) / Number(all.revenue), 10);
    expect(Number(h.revenue12m)).toBeCloseTo(Number(r12.members), 2);
    expect(h.revenue12mShare).toBeCloseTo(Number(r12.members) / Number(r12.everyone), 10);
    expect(h.orders).toBe(m.orders);
    expect(Number(h.averageOrderValue)).toBeCloseTo(Number(m.revenue) / m.orders, 2);
    expect(h.ordersPerMember).toBeCloseTo(m.orders / m.n, 2);
    expect(Number(h.averageMemberValue)).toBeCloseTo(Number(m.revenue) / m.n, 2);
    expect(h.newMembers).toBe(fresh.n);
  });

  test("revenue per month, members against everyone, in the workspace's months", async () => {
    const rows = await hand<{ month: string; members: string | null; everyone: string }>(
      `SELECT to_char(o."placedAt" AT TIME ZONE $3, 'YYYY-MM') AS month, sum(o.total)::text AS everyone,
              sum(o.total) FILTER (WHERE o."customerId" IN (SELECT id FROM (${members(HIGH_OPT_IN_SQL)}) x))::text AS members
         FROM "Order" o WHERE o."workspaceId" = $1 AND o.status = 'paid' AND o."placedAt" <= $2::timestamptz GROUP BY 1`,
    );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    expect(d.monthly.map((m) => m.month)).toEqual(["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    let nonZero = 0;
    for (const m of d.monthly) {
      const want = byMonth.get(m.month);
      expect(Number(m.allRevenue), m.month).toBeCloseTo(Number(want?.everyone ?? 0), 2);
      expect(Number(m.memberRevenue), m.month).toBeCloseTo(Number(want?.members ?? 0), 2);
      if (Number(m.memberRevenue) > 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(6);
  });

  test("breakdowns match hand-written GROUP BYs, and each sums to the members", async () => {
    const expectDimension = async (dimension: string, expression: string) => {
      const rows = await hand<{ key: string | null; n: number }>(`SELECT ${expression} AS key, count(*)::int AS n FROM (${members(HIGH_OPT_IN_SQL)}) c GROUP BY 1`);
      const got = d.breakdowns.find((b) => b.dimension === dimension)!;
      expect(Object.fromEntries(got.rows.map((r) => [String(r.key), r.members])), dimension).toEqual(Object.fromEntries(rows.map((r) => [String(r.key), r.n])));
      expect(got.rows.reduce((n, r) => n + r.members, 0)).toBe(d.headline.members);
    };
    await expectDimension("country", `upper(c.country)`);
    await expectDimension("gender", `c.gender`);
    await expectDimension("lifecycleStage", `c."lifecycleStage"`);
    await expectDimension("language", `c.language`);
    await expectDimension("device", `c.attributes ->> 'preferred_device'`);
    await expectDimension("rfm", `(SELECT r.segment FROM "CustomerRfm" r WHERE r."workspaceId" = $1 AND r."customerId" = c.id)`);
    await expectDimension("churnRisk", `(SELECT p."churnRisk" FROM "CustomerPrediction" p WHERE p."workspaceId" = $1 AND p."customerId" = c.id)`);
    const risk = d.breakdowns.find((b) => b.dimension === "churnRisk")!;
    expect(risk.rows.filter((r) => r.key !== null).length).toBeGreaterThan(1);
    expect(risk.rows.map((r) => r.key)).toEqual(["high", "medium", "low", null].filter((k) => risk.rows.some((r) => r.key === k)));
    const rfm = d.breakdowns.find((b) => b.dimension === "rfm")!;
    expect(rfm.rows.filter((r) => r.key !== null).length).toBeGreaterThan(2);
    const age = `extract(year from age(($2::timestamptz AT TIME ZONE $3)::date, c."birthDate"))`;
    await expectDimension("ageBand", `CASE WHEN c."birthDate" IS NULL THEN NULL WHEN ${age} < 18 THEN 'under_18' WHEN ${age} < 25 THEN '18_24'
      WHEN ${age} < 35 THEN '25_34' WHEN ${age} < 45 THEN '35_44' WHEN ${age} < 55 THEN '45_54' WHEN ${age} < 65 THEN '55_64' ELSE '65_plus' END`);
    expect(d.breakdowns.find((b) => b.dimension === "device")!.rows.map((r) => r.label)).toEqual(expect.arrayContaining(["Mobile"]));
    expect(d.breakdowns.find((b) => b.dimension === "country")!.rows.some((r) => r.label === "United States")).toBe(true);
  });

  test("top categories of the last 90 days and the most valuable members", async () => {
    const cats = await hand<{ category: string; revenue: string }>(
      `SELECT i.category, sum(i.quantity * i."unitPrice")::text AS revenue FROM "OrderItem" i
         JOIN "Order" o ON o."workspaceId" = i."workspaceId" AND o.id = i."orderId"
        WHERE i."workspaceId" = $1 AND o.status = 'paid' AND i.category IS NOT NULL
          AND o."placedAt" >= ((date_trunc('day', $2::timestamptz AT TIME ZONE $3) - interval '90 days') AT TIME ZONE $3) AND o."placedAt" <= $2::timestamptz
          AND o."customerId" IN (SELECT id FROM (${members(HIGH_OPT_IN_SQL)}) x)
        GROUP BY 1 ORDER BY sum(i.quantity * i."unitPrice") DESC, 1 LIMIT 10`,
    );
    expect(cats.length).toBeGreaterThan(2);
    expect(d.categories.map((c) => [c.category, Number(c.revenue).toFixed(2)])).toEqual(cats.map((c) => [c.category, Number(c.revenue).toFixed(2)]));
    const top = await hand<{ id: string; totalSpent: string }>(`SELECT c.id, c."totalSpent"::text AS "totalSpent" FROM (${members(HIGH_OPT_IN_SQL)}) c ORDER BY c."totalSpent" DESC, c.id LIMIT 10`);
    expect(d.topMembers.map((m) => [m.id, Number(m.totalSpent)])).toEqual(top.map((t) => [t.id, Number(t.totalSpent)]));
    expect(d.computedAt).toBe(now.toISOString());
  });

  test("an empty segment has zero members and no averages, never an error", async () => {
    const none = await computeDashboard(A, { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "totalSpent", operator: "lt", value: -1 }] } }, { now });
    expect(none.headline).toMatchObject({ members: 0, customers: 400, revenue: "0", orders: 0, averageOrderValue: null, ordersPerMember: null, averageMemberValue: null, newMembers: 0 });
    expect(none.topMembers).toEqual([]);
    expect(none.breakdowns.every((b) => b.rows.length === 0)).toBe(true);
    expect(none.monthly.every((m) => m.memberRevenue === "0")).toBe(true);
  });
});

describe("scoping", () => {
  test("a segment is read by (workspace, id) only; another workspace's id and malformed ids are not found", async () => {
    const idA = await saveSegment(A.workspaceId, "A high", HIGH_OPT_IN);
    const idB = await saveSegment(B.workspaceId, "B high", HIGH_OPT_IN);
    expect((await getDashboardSegment(A, idA)).name).toBe("A high");
    for (const id of [idB, "not-a-uuid", crypto.randomUUID()]) {
      const error = await getDashboardSegment(A, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("not_found");
    }
    await expect(getComparedSegments(A, [idA, idB])).rejects.toMatchObject({ code: "not_found" });
  });

  test("the same definition in another workspace counts that workspace's customers only", async () => {
    const dB = await computeDashboard(B, HIGH_OPT_IN, { now });
    const [m] = await hand<{ n: number }>(`SELECT count(*)::int AS n FROM (${members(HIGH_OPT_IN_SQL)}) c`, B.workspaceId);
    expect(dB.headline.customers).toBe(150);
    expect(dB.headline.members).toBe(m.n);
  });
});

describe("exportSegmentMembersCsv", () => {
  test("streams every member once, in id order, with the header, in small batches", async () => {
    const id = await saveSegment(A.workspaceId, "export me", HIGH_OPT_IN);
    const segment = await getDashboardSegment(A, id);
    const stream = await exportSegmentMembersCsv({ ...A, userId: null }, segment, { now, batchRows: 7 });
    const text = await new Response(stream).text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe(MEMBER_EXPORT_HEADER.join(","));
    const want = await hand<{ id: string; totalSpent: string }>(`SELECT c.id, c."totalSpent"::text AS "totalSpent" FROM (${members(HIGH_OPT_IN_SQL)}) c ORDER BY c.id`);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(want.map((w) => w.id));
    expect(lines[1].split(",")[8]).toBe(want[0].totalSpent);
    const [audit] = await hand<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "workspaceId" = $1 AND action = 'segment.export' AND "entityId" = '${id}'`);
    expect(audit.n).toBe(1);
  });
});

describe("compareSegments", () => {
  test("headline numbers and every pairwise overlap match hand-written SQL", async () => {
    const defs = [
      { name: "high", definition: HIGH_OPT_IN, sql: HIGH_OPT_IN_SQL },
      { name: "buyers", definition: BUYERS_90, sql: BUYERS_90_SQL },
      { name: "female", definition: FEMALE, sql: FEMALE_SQL },
    ];
    const ids = [];
    for (const s of defs) ids.push(await saveSegment(A.workspaceId, `cmp ${s.name}`, s.definition));
    const segments = await getComparedSegments(A, compareIdsSchema.parse(ids.join(",")));
    const c = await compareSegments(A, segments, { now });
    expect(c.customers).toBe(400);
    for (const [i, s] of defs.entries()) {
      const [m] = await hand<{ n: number; revenue: string | null; orders: number | null }>(
        `SELECT count(*)::int AS n, sum(c."totalSpent")::text AS revenue, sum(c."ordersCount")::int AS orders FROM (${members(s.sql)}) c`,
      );
      expect(m.n, s.name).toBeGreaterThan(0);
      expect(c.segments[i]).toMatchObject({ id: ids[i], name: `cmp ${s.name}` });
      expect(c.segments[i].headline.members, s.name).toBe(m.n);
      expect(Number(c.segments[i].headline.revenue), s.name).toBeCloseTo(Number(m.revenue ?? 0), 2);
      expect(c.segments[i].headline.orders, s.name).toBe(m.orders ?? 0);
      expect(c.segments[i].headline.revenue12m).toBeNull();
    }
    expect(c.overlaps).toHaveLength(3);
    for (const o of c.overlaps) {
      const [i, j] = [ids.indexOf(o.a), ids.indexOf(o.b)];
      const [both] = await hand<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" c WHERE c."workspaceId" = $1 AND (${defs[i].sql}) AND (${defs[j].sql})`);
      expect(o.both, `${defs[i].name} × ${defs[j].name}`).toBe(both.n);
      expect(o.shareOfA).toBeCloseTo(both.n / c.segments[i].headline.members, 10);
      expect(o.shareOfB).toBeCloseTo(both.n / c.segments[j].headline.members, 10);
    }
    expect(c.overlaps.some((o) => o.both > 0)).toBe(true);
    // Segments without members compare as zeros, the workspace's totals still there.
    const empty = await saveSegment(A.workspaceId, "cmp none", { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "totalSpent", operator: "lt", value: -1 }] } });
    const none = await compareSegments(A, await getComparedSegments(A, [empty, empty]), { now });
    expect(none.customers).toBe(400);
    expect(none.segments[0].headline).toMatchObject({ members: 0, revenue: "0", orders: 0, averageMemberValue: null });
    expect(none.overlaps).toEqual([{ a: empty, b: empty, both: 0, shareOfA: 0, shareOfB: 0 }]);
  });

  test("the ids of the URL: 2 to 6 distinct UUIDs", () => {
    const id = () => crypto.randomUUID();
    const a = id();
    expect(compareIdsSchema.safeParse(`${a},${a}`).success).toBe(false); // one distinct segment
    expect(compareIdsSchema.safeParse(`${a}, ${id()}`).success).toBe(true);
    expect(compareIdsSchema.safeParse(`${a},nope`).success).toBe(false);
    expect(compareIdsSchema.safeParse(Array.from({ length: 7 }, id).join(",")).success).toBe(false);
    expect(compareIdsSchema.safeParse(Array.from({ length: 6 }, id).join(",")).success).toBe(true);
  });
});
