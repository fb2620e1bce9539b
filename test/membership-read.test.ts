/**
 * The reading side of stored membership: with usable stored members (memberCount set,
 * membershipVersion = version, membershipDay = local today) the segments list, dashboard,
 * comparison, Members tab query, exports and the API's member page read "SegmentMember" — proven by
 * a stored set that deliberately differs from the rule's live members — and otherwise they
 * evaluate live. The change log gives joined / left and the size per local day across a DST change.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memberPage } from "@/lib/api/v1/segments-queries";
import { listCustomers } from "@/lib/customers/list";
import { segmentFilterSql } from "@/lib/customers/list-segment";
import { getCustomerSegmentHistory } from "@/lib/customers/segment-history";
import { exportCustomersCsv } from "@/lib/customers/export";
import { compareSegments } from "@/lib/dashboard/compare";
import { exportSegmentMembersCsv } from "@/lib/dashboard/export";
import { getMembershipHistory } from "@/lib/dashboard/membership-history";
import { computeDashboard, getDashboardSegment } from "@/lib/dashboard/queries";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { STALE_QUEUE_MS, storedMembership } from "@/lib/membership/read";
import { listSegments } from "@/lib/segments/saved-queries";
import { localDateOf } from "@/lib/segments/time";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
const TZ = "Europe/Warsaw";
const now = new Date("2026-06-15T10:00:00Z");
const TODAY = "2026-06-15";
let W: { workspaceId: string; timeZone: string };
const ids: Record<string, string> = {};
let women: string;
let men: string;

const WOMEN = { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "gender", operator: "eq", value: "female" }] } };
const MEN = { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "gender", operator: "eq", value: "male" }] } };

async function saveSegment(name: string, definition: unknown): Promise<string> {
  const id = crypto.randomUUID();
  await db.sql.query(`INSERT INTO "Segment" ("workspaceId", "id", "name", "definition", "version") VALUES ($1, $2, $3, $4::jsonb, 3)`, [W.workspaceId, id, name, JSON.stringify(definition)]);
  return id;
}

/** Stores these customers as the segment's members and marks its membership as evaluated (usable at TODAY by default). */
async function store(segmentId: string, names: string[], state: { version?: number | null; day?: string | null } = {}) {
  await db.sql.query(`DELETE FROM "SegmentMember" WHERE "workspaceId" = $1 AND "segmentId" = $2`, [W.workspaceId, segmentId]);
  for (const n of names) {
    await db.sql.query(`INSERT INTO "SegmentMember" ("workspaceId", "segmentId", "customerId", "since") VALUES ($1, $2, $3, $4)`, [W.workspaceId, segmentId, ids[n], "2026-06-01T08:00:00Z"]);
  }
  await db.sql.query(
    `UPDATE "Segment" SET "memberCount" = $3, "membershipVersion" = $4, "membershipDay" = $5::date, "membershipEvaluatedAt" = $6 WHERE "workspaceId" = $1 AND "id" = $2`,
    [W.workspaceId, segmentId, names.length, state.version === undefined ? 3 : state.version, state.day === undefined ? TODAY : state.day, now.toISOString()],
  );
}

const sorted = (names: string[]) => names.map((n) => ids[n]).sort();

beforeAll(async () => {
  db = await setupTestDb();
  const w = await createWorkspace(db, { slug: "read-w", name: "Read", timeZone: TZ });
  W = { workspaceId: w.id, timeZone: TZ };
  // Live: women are ada, bea, cleo; men are dan, ed.
  for (const [name, gender, spent] of [["ada", "female", 100], ["bea", "female", 200], ["cleo", "female", 300], ["dan", "male", 400], ["ed", "male", 500]] as const) {
    const [row] = await db.sql.query<{ id: string }>(
      `INSERT INTO "Customer" ("workspaceId", "email", "firstName", "gender", "totalSpent", "ordersCount") VALUES ($1, $2, $3, $4, $5, 1) RETURNING "id"::text AS "id"`,
      [W.workspaceId, `${name}@example.com`, name, gender, spent],
    );
    ids[name] = row.id;
  }
  women = await saveSegment("Women", WOMEN);
  men = await saveSegment("Men", MEN);
}, 120_000);
afterAll(teardownTestDb);

describe("usable stored membership is what readers show", () => {
  beforeAll(async () => {
    // Deliberately not the rule's members: ada and dan (dan is a man).
    await store(women, ["ada", "dan"]);
    await store(men, ["dan", "ed"]);
  });

  test("storedMembership: usable, as of now without queued writes, as of the oldest queued write otherwise", async () => {
    expect(await storedMembership(W, women, now)).toEqual({ usable: true, asOf: now, memberCount: 2 });
    await db.sql.query(`INSERT INTO "MembershipDirty" ("workspaceId", "customerId", "at") VALUES ($1, $2, $3), ($1, $2, $4)`, [
      W.workspaceId, ids.bea, "2026-06-15T09:59:20Z", "2026-06-15T09:59:40Z",
    ]);
    expect((await storedMembership(W, women, now)).asOf).toEqual(new Date("2026-06-15T09:59:20Z"));
    // A queue older than STALE_QUEUE_MS (the engine behind or stopped): counted live.
    expect(await storedMembership(W, women, new Date(now.getTime() + STALE_QUEUE_MS))).toEqual({ usable: false, asOf: null, memberCount: null });
    await db.sql.query(`DELETE FROM "MembershipDirty" WHERE "workspaceId" = $1`, [W.workspaceId]);
  });

  test("the segments list shows the stored count", async () => {
    // The list counts at the real now: evaluated today there.
    await store(women, ["ada", "dan"], { day: localDateOf(Date.now(), TZ) });
    const { rows } = await listSegments(W, { q: "", sort: "name", dir: "asc" });
    const row = rows.find((r) => r.id === women)!;
    expect(row.members).toBe(2);
    expect(row.membership.usable).toBe(true);
    await store(women, ["ada", "dan"]);
  });

  test("the dashboard's headline, top members and breakdowns are the stored members", async () => {
    const d = await computeDashboard(W, WOMEN, { now, segmentId: women });
    expect(d.membership.usable).toBe(true);
    expect(d.headline.members).toBe(2);
    expect(d.headline.revenue).toBe("500.00");
    expect(d.topMembers.map((m) => m.id).sort()).toEqual(sorted(["ada", "dan"]));
    expect(d.breakdowns.find((b) => b.dimension === "gender")!.rows.map((r) => [r.key, r.members]).sort()).toEqual([["female", 1], ["male", 1]]);
  });

  test("the comparison reads each segment's stored members", async () => {
    const c = await compareSegments(W, [await getDashboardSegment(W, women), await getDashboardSegment(W, men)], { now });
    expect(c.segments.map((s) => s.headline.members)).toEqual([2, 2]);
    expect(c.overlaps[0].both).toBe(1);
  });

  test("the Members tab query, its exclusion, and the customer export are the stored members", async () => {
    const page = await listCustomers(W, { segment: { id: women }, pageSize: 25 }, { now });
    expect(page.rows.map((r) => r.id).sort()).toEqual(sorted(["ada", "dan"]));
    const others = await listCustomers(W, { segment: { id: women, exclude: true }, pageSize: 25 }, { now });
    expect(others.rows.map((r) => r.id).sort()).toEqual(sorted(["bea", "cleo", "ed"]));
    const csv = await exportCustomersCsv({ ...W, userId: null, role: "editor" }, { segment: { id: women } }, { now });
    const lines = (await new Response(csv.stream).text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(sorted(["ada", "dan"]));
  });

  test("the segment member export and the API member page are the stored members", async () => {
    const segment = await getDashboardSegment(W, women);
    const text = await new Response(await exportSegmentMembersCsv({ ...W, userId: null }, segment, { now })).text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean).slice(1).map((l) => l.split(",")[0])).toEqual(sorted(["ada", "dan"]));
    const first = await memberPage(W, segment, { afterId: null, limit: 1, now, fields: [] });
    expect(first.stored.usable).toBe(true);
    expect(first.rows.map((r) => r.id)).toEqual(sorted(["ada", "dan"]));
    const second = await memberPage(W, segment, { afterId: first.rows[0].id, limit: 1, now, fields: [] });
    expect(second.rows.map((r) => r.id)).toEqual([sorted(["ada", "dan"])[1]]);
  });

  test("the API's ?segment= filter: stored members after a keyset cursor", async () => {
    const after = sorted(["ada", "dan"])[0];
    const filter = await segmentFilterSql(W, { id: women, exclude: false }, now, { afterId: after });
    const q = Prisma.sql`SELECT c."id"::text AS "id" FROM "Customer" c WHERE c."workspaceId" = ${W.workspaceId}::uuid AND c."id" > ${after}::uuid AND ${filter} ORDER BY c."id"`;
    expect((await db.sql.query<{ id: string }>(q.text, q.values)).map((r) => r.id)).toEqual([sorted(["ada", "dan"])[1]]);
  });
});

describe("stored membership that is not usable is evaluated live", () => {
  const live = () => sorted(["ada", "bea", "cleo"]);
  const cases: [string, { version?: number | null; day?: string | null }][] = [
    ["an older definition version", { version: 2 }],
    ["an evaluation of an earlier local day", { day: "2026-06-14" }],
    ["never evaluated", { version: null, day: null }],
  ];
  for (const [label, state] of cases) {
    test(label, async () => {
      await store(women, ["ada", "dan"], state);
      if (state.version === null) await db.sql.query(`UPDATE "Segment" SET "memberCount" = NULL WHERE "id" = $1`, [women]);
      expect((await storedMembership(W, women, now)).usable).toBe(false);
      const { rows } = await listSegments(W, { q: "", sort: "name", dir: "asc" });
      expect(rows.find((r) => r.id === women)!.members).toBe(3);
      const d = await computeDashboard(W, WOMEN, { now, segmentId: women });
      expect([d.membership.usable, d.headline.members]).toEqual([false, 3]);
      expect((await listCustomers(W, { segment: { id: women }, pageSize: 25 }, { now })).rows.map((r) => r.id).sort()).toEqual(live());
      const page = await memberPage(W, await getDashboardSegment(W, women), { afterId: null, limit: 10, now, fields: [] });
      expect(page.rows.map((r) => r.id)).toEqual(live());
    });
  }

  test("a day boundary in the workspace's zone, not UTC, decides", async () => {
    await store(women, ["ada", "dan"], { day: "2026-06-15" });
    // 22:30 UTC on the 14th is already the 15th in Warsaw; 21:30 UTC is still the 14th.
    expect((await storedMembership(W, women, new Date("2026-06-14T22:30:00Z"))).usable).toBe(true);
    expect((await storedMembership(W, women, new Date("2026-06-14T21:30:00Z"))).usable).toBe(false);
  });
});

describe("the change log: size per local day across a DST change, joined and left, recent changes, profile history", () => {
  let logged: string;
  const at = new Date("2026-03-31T10:00:00Z");
  async function change(customer: string, kind: "entered" | "exited", when: string, cause = "write") {
    await db.sql.query(
      `INSERT INTO "SegmentMembershipChange" ("workspaceId", "segmentId", "customerId", "kind", "at", "cause", "batchId")
       VALUES ($1, $2, $3, $4::"MembershipChangeKind", $5, $6::"MembershipCause", $7)`,
      [W.workspaceId, logged, ids[customer], kind, when, cause, crypto.randomUUID()],
    );
  }
  beforeAll(async () => {
    logged = await saveSegment("Logged", WOMEN);
    await change("ada", "entered", "2026-03-01T12:00:00Z", "full_refresh");
    await change("bea", "entered", "2026-03-01T12:00:00Z", "full_refresh");
    // 23:30 UTC on 28 March is 00:30 CET on the 29th (the night the clocks go forward).
    await change("cleo", "entered", "2026-03-28T23:30:00Z", "day_change");
    // 21:59 UTC on the 29th is 23:59 CEST, still the 29th; 22:30 UTC is 00:30 CEST on the 30th.
    await change("ada", "exited", "2026-03-29T21:59:00Z", "definition_change");
    await change("dan", "entered", "2026-03-29T22:30:00Z", "rfm_refresh");
    await change("dan", "exited", "2026-03-31T09:00:00Z");
    // After "now": not shown.
    await change("ed", "entered", "2026-03-31T11:00:00Z");
  });

  test("the size at the end of each local day is the running sum of entered − exited", async () => {
    const h = await getMembershipHistory(W, logged, at);
    expect(h.today).toBe("2026-03-31");
    const byDay = Object.fromEntries(h.sizes.map((p) => [p.day, p.size]));
    expect(h.sizes[0].day).toBe("2026-03-01");
    expect(h.sizes).toHaveLength(31);
    expect([byDay["2026-03-01"], byDay["2026-03-28"], byDay["2026-03-29"], byDay["2026-03-30"], byDay["2026-03-31"]]).toEqual([2, 2, 2, 3, 2]);
    const day29 = h.sizes.find((p) => p.day === "2026-03-29")!;
    expect([day29.entered, day29.exited]).toEqual([1, 1]);
  });

  test("joined and left in the last 7 and 30 days", async () => {
    const h = await getMembershipHistory(W, logged, at);
    expect(h.windows).toEqual([{ days: 7, joined: 2, left: 2 }, { days: 30, joined: 4, left: 2 }]);
  });

  test("recent joiners and leavers: newest first, named, with the cause in words", async () => {
    const h = await getMembershipHistory(W, logged, at);
    expect(h.joiners.map((j) => [j.name, j.causeLabel])).toEqual([["dan", "RFM refresh"], ["cleo", "a new day"], ["bea", "full refresh"], ["ada", "full refresh"]]);
    expect(h.leavers.map((l) => [l.name, l.email, l.causeLabel])).toEqual([["dan", "dan@example.com", "a change to the customer"], ["ada", "ada@example.com", "the segment's rules changed"]]);
  });

  test("the profile: stored segments now with since (usable ones only), and the customer's history", async () => {
    await store(men, ["dan", "ed"]);
    await store(women, ["ada", "dan"], { version: 2 });
    const p = await getCustomerSegmentHistory(W, ids.dan, { now });
    expect(p.current.map((c) => [c.name, c.since])).toEqual([["Men", "2026-06-01T08:00:00.000Z"]]);
    expect(p.updating).toBe(2);
    expect(p.history.map((x) => [x.segmentName, x.kind, x.causeLabel])).toEqual([
      ["Logged", "exited", "a change to the customer"],
      ["Logged", "entered", "RFM refresh"],
    ]);
    expect(p.total).toBe(2);
    const other = await createWorkspace(db, { slug: "read-other", name: "Other", timeZone: TZ });
    expect(await getCustomerSegmentHistory({ workspaceId: other.id, timeZone: TZ }, ids.dan, { now })).toEqual({ current: [], updating: 0, history: [], total: 0 });
  });
});
