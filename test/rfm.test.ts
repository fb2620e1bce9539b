/** Stored RFM scores (refresh, page reads, members), the rule set in workspace settings, workspace scoping, and the rfm command. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn } from "./support/cli";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { refreshRfm, saveRfmRules } from "@/lib/rfm/mutations";
import { findRfmSegment, getRfmGrid, getRfmRules, getRfmRun, getRfmSummary, listRfmMembers } from "@/lib/rfm/queries";
import { DEFAULT_RFM_RULES } from "@/lib/rfm/rules";
import type { CustomerRecord } from "@/lib/segments/record";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace, customer, insertCustomers } from "./segments-support";

let db: Db;
const day = (d: string) => new Date(`${d}T10:00:00Z`);
const paid = (dates: string[], total: string) => dates.map((d) => ({ placedAt: day(d), total }));

// Five scored customers (orders 5, 3, 2, 1, 1 → F cuts 2, 2.6, 3.4, 4.4) and two without a paid order.
const people = (): Record<string, CustomerRecord> => ({
  a: customer({ email: "a@example.com", firstName: "Ann", orders: paid(["2024-06-29", "2024-06-20", "2024-06-10", "2024-06-01", "2024-05-25"], "200.00") }),
  b: customer({ email: "b@example.com", firstName: "Bob", orders: paid(["2024-06-20", "2024-05-01", "2024-04-01"], "100.00") }),
  c: customer({ email: "c@example.com", orders: paid(["2024-03-22", "2024-01-01"], "150.00") }),
  d: customer({ email: "d@example.com", orders: paid(["2024-01-12"], "200.00") }),
  e: customer({ email: "e@example.com", orders: paid(["2023-09-04"], "100.00") }),
  none: customer({ email: "none@example.com" }),
  pending: customer({ email: "pending@example.com", orders: [{ placedAt: day("2024-06-29"), total: "80.00", status: "pending" }] }),
});

let ws: { workspaceId: string; timeZone: string };
let other: { workspaceId: string; timeZone: string };
let ids: Record<string, string>;

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  db = await setupTestDb();
  ws = { workspaceId: await createWorkspace(db.sql, "Europe/Warsaw"), timeZone: "Europe/Warsaw" };
  other = { workspaceId: await createWorkspace(db.sql, "UTC"), timeZone: "UTC" };
  const mine = people();
  ids = Object.fromEntries(Object.entries(mine).map(([k, r]) => [k, r.customer.id]));
  await insertCustomers(db.sql, ws.workspaceId, Object.values(mine));
  await insertCustomers(db.sql, other.workspaceId, Object.values(people()));
  await db.sql.query(`UPDATE "Workspace" SET "slug" = 'rfm-main', "settings" = '{"theme":"dark"}' WHERE "id" = $1`, [ws.workspaceId]);
}, 120_000);
afterAll(teardownTestDb);

describe("refreshRfm", () => {
  it("stores every scored customer's measures, scores and segment, and records the run", async () => {
    expect(await getRfmRun(ws)).toBeNull();
    const run = await refreshRfm(ws, "2024-06-30");
    expect(run).toMatchObject({ analysisDate: "2024-06-30", customers: 5, rules: DEFAULT_RFM_RULES });
    expect(run.cuts).not.toBeNull();
    const rows = await db.sql.query<{ customerId: string; recencyDays: number; frequency: number; monetary: string; r: number; f: number; m: number; segment: string }>(
      `SELECT "customerId", ('2024-06-30'::date - "lastOrderDate") AS "recencyDays", "frequency", "monetary"::text AS "monetary", "r", "f", "m", "segment" FROM "CustomerRfm" WHERE "workspaceId" = $1`, [ws.workspaceId]);
    expect(rows).toHaveLength(5);
    const a = rows.find((r) => r.customerId === ids.a)!;
    expect(a).toMatchObject({ recencyDays: 1, frequency: 5, monetary: "1000.00", r: 5, f: 5, m: 5, segment: "Champions" });
    expect(rows.find((r) => r.customerId === ids.e)).toMatchObject({ recencyDays: 300, frequency: 1, r: 1, f: 1, m: 1, segment: "Lost" });
    expect(rows.some((r) => r.customerId === ids.none || r.customerId === ids.pending)).toBe(false);
  });

  it("feeds the segment table, the grid and the member lists, scoped to the workspace", async () => {
    const summary = await getRfmSummary(ws, DEFAULT_RFM_RULES);
    expect(summary.reduce((s, x) => s + x.customers, 0)).toBe(5);
    expect(summary[0]).toMatchObject({ segment: "Champions", key: "champions", customers: 1, orders: 5, revenue: "1000.00", aov: "200.00" });
    expect(summary.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 10);
    const grid = await getRfmGrid(ws);
    expect(grid).toHaveLength(25);
    expect(grid.find((c) => c.r === 5 && c.f === 5)).toMatchObject({ customers: 1, avgMonetary: 1000 });
    expect(await findRfmSegment(ws, "champions", DEFAULT_RFM_RULES)).toBe("Champions");
    expect(await findRfmSegment(ws, "others", DEFAULT_RFM_RULES)).toBe("Others");
    expect(await findRfmSegment(ws, "nope", DEFAULT_RFM_RULES)).toBeNull();
    const members = await listRfmMembers(ws, "Champions", 1, 50);
    expect(members).toMatchObject({ total: 1, members: [{ id: ids.a, name: "Ann", email: "a@example.com", r: 5, f: 5, m: 5 }] });
    // The other workspace has its own (identical) customers but nothing stored: nothing leaks.
    expect(await getRfmRun(other)).toBeNull();
    expect(await getRfmSummary(other, DEFAULT_RFM_RULES)).toEqual([]);
    expect((await listRfmMembers(other, "Champions", 1, 50)).total).toBe(0);
  });

  it("rewrites only rows whose values changed, and drops customers without a paid order", async () => {
    const version = async (id: string) => (await db.sql.query<{ v: string }>(`SELECT xmin::text AS v FROM "CustomerRfm" WHERE "workspaceId" = $1 AND "customerId" = $2`, [ws.workspaceId, id]))[0]?.v;
    const before = await version(ids.a);
    await refreshRfm(ws, "2024-06-30");
    expect(await version(ids.a)).toBe(before);
    await db.sql.query(`UPDATE "Order" SET "status" = 'refunded' WHERE "workspaceId" = $1 AND "customerId" = $2`, [ws.workspaceId, ids.d]);
    await db.sql.query(`UPDATE "Customer" SET "ordersCount" = 0, "totalSpent" = 0, "lastOrderAt" = NULL, "firstOrderAt" = NULL, "averageOrderValue" = NULL WHERE "workspaceId" = $1 AND "id" = $2`, [ws.workspaceId, ids.d]);
    expect(await refreshRfm(ws, "2024-06-30")).toMatchObject({ customers: 4 });
    expect(await version(ids.d)).toBeUndefined();
    await db.sql.query(`UPDATE "Order" SET "status" = 'paid' WHERE "workspaceId" = $1 AND "customerId" = $2`, [ws.workspaceId, ids.d]);
    await db.sql.query(`UPDATE "Customer" SET "ordersCount" = 1, "totalSpent" = 200, "lastOrderAt" = '2024-01-12T10:00:00Z', "firstOrderAt" = '2024-01-12T10:00:00Z', "averageOrderValue" = 200 WHERE "workspaceId" = $1 AND "id" = $2`, [ws.workspaceId, ids.d]);
    expect(await refreshRfm(ws, "2024-06-30")).toMatchObject({ customers: 5 });
  });

  it("replaces the previous rows, and erasing a customer removes their scores", async () => {
    await db.sql.query(`DELETE FROM "Customer" WHERE "workspaceId" = $1 AND "id" = $2`, [ws.workspaceId, ids.e]);
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CustomerRfm" WHERE "workspaceId" = $1`, [ws.workspaceId]);
    expect(n).toBe(4);
    const run = await refreshRfm(ws, "2024-07-01");
    expect(run).toMatchObject({ analysisDate: "2024-07-01", customers: 4 });
  });
});

describe("the rule set in workspace settings", () => {
  it("rejects an invalid rule set with errors by field and changes nothing", async () => {
    const bad = [{ name: "Champions", recency: [5, 4], frequency: [1, 5], monetary: [1, 5] }, { name: "champions", recency: [1, 5], frequency: [1, 9], monetary: [1, 5] }];
    const error = await saveRfmRules(ws, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      "rules.0.recency": "the low score must not be above the high score",
      "rules.1.frequency": "a score must be from 1 to 5",
      "rules.1.name": '"champions" is the same name as segment 1 ("Champions")',
    });
    expect(await getRfmRules(ws)).toEqual(DEFAULT_RFM_RULES);
  });

  it("saves a valid one, keeps the other settings, and re-assigns the stored segments", async () => {
    await saveRfmRules(ws, [{ name: " Best ", recency: [4, 5], frequency: [4, 5], monetary: [4, 5] }]);
    expect(await getRfmRules(ws)).toEqual([{ name: "Best", recency: [4, 5], frequency: [4, 5], monetary: [4, 5] }]);
    const [{ settings }] = await db.sql.query<{ settings: { theme: string } }>(`SELECT "settings" FROM "Workspace" WHERE "id" = $1`, [ws.workspaceId]);
    expect(settings.theme).toBe("dark");
    const run = await getRfmRun(ws);
    expect(run).toMatchObject({ analysisDate: "2024-07-01", rules: [{ name: "Best" }] });
    const summary = await getRfmSummary(ws, run!.rules);
    expect(summary.map((s) => s.segment)).toEqual(["Best", "Others"]);
    expect(await getRfmRules(other)).toEqual(DEFAULT_RFM_RULES);
  });
});

describe("npm run cli -- rfm", () => {
  it("prints JSON with every field", async () => {
    const run = await cli("rfm", "--workspace", "rfm-main", "--analysis-date", "2024-07-01", "--format", "json");
    expect(run.err).toBe("");
    const rows = JSON.parse(run.out) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.id === ids.a)).toEqual({ id: ids.a, email: "a@example.com", recencyDays: 2, orderCount: 5, total: "1000.00", r: 5, f: 5, m: 5, score: 555, segment: "Best" });
  });

  it("refreshes the stored scores with --refresh", async () => {
    const run = await cli("rfm", "--workspace", "rfm-main", "--refresh");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Scored 4 customers at \d{4}-\d{2}-\d{2} in \d+\.\d s\.$/);
  });

  it("explains bad input", async () => {
    expect((await cli("rfm", "--workspace", "nope")).err).toMatch(/There is no workspace "nope"/);
    expect((await cli("rfm", "--workspace", "rfm-main", "--analysis-date", "2024-02-30")).err).toMatch(/The analysis date must be a date written YYYY-MM-DD, such as 2006-12-31 \(got "2024-02-30"\)/);
    expect((await cli("rfm", "--workspace", "rfm-main", "--format", "xml")).err).toMatch(/--format: must be "csv" or "json"/);
  });
});
