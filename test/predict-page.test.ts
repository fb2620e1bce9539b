/** The Predictions page's reads (lib/predict/page-queries.ts) on rows inserted here: the run's states, its JSON, the top customers, scoping. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { getPredictionPageRun, listTopPredictedCustomers, topPredictedCustomersSql } from "@/lib/predict/page-queries";
import type { PredictionCheck, PredictionDistribution, PredictionParams } from "@/lib/predict/schemas";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace, customer, insertCustomers } from "./segments-support";

let db: Db;
let ws: { workspaceId: string };
let other: { workspaceId: string };

const PARAMS: PredictionParams = {
  bgnbd: { r: 0.2426, alpha: 30.9, a: 0.7929, b: 2.426, logLikelihood: -9582.4, iterations: 41 },
  gammaGamma: { p: 6.25, q: 3.74, v: 15.45, logLikelihood: -4000.5, iterations: 17 },
};
const CHECK: NonNullable<PredictionCheck> = {
  calibrationEnd: "2026-06-30",
  holdoutEnd: "2026-12-04",
  holdoutDays: 157,
  params: { r: 0.25, alpha: 31.2, a: 0.8, b: 2.5 },
  byFrequency: [
    { repeatPurchases: 0, orMore: false, customers: 120, predicted: 0.2542, actual: 0.2333 },
    { repeatPurchases: 1, orMore: true, customers: 40, predicted: 0.8813, actual: 0.925 },
  ],
  cumulative: [
    { date: "2026-01-01", predicted: 0, actual: 0 },
    { date: "2026-01-08", predicted: 4.5, actual: 5 },
  ],
  totalPredicted: 65.75,
  totalActual: 65,
};
const DISTRIBUTION: PredictionDistribution = {
  value12m: [{ lo: 0, hi: 50, customers: 100 }, { lo: 50, hi: 100, customers: 60 }],
  churnRisk: { low: 90, medium: 40, high: 30 },
  totalValue12m: 9120.5,
};

async function storeRun(workspaceId: string, run: { status: string; message?: string | null; fit?: { params: unknown; check: unknown; distribution: unknown } | null }) {
  await db.sql.query(
    `INSERT INTO "PredictionRun" ("workspaceId", "attemptedAt", "attemptStatus", "attemptMessage", "computedAt", "asOf", "durationMs", "customers", "repeaters", "params", "check", "distribution")
     VALUES ($1, '2026-12-05T07:30:00Z', $2, $3, $4, $5::date, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb)
     ON CONFLICT ("workspaceId") DO UPDATE SET "attemptedAt" = EXCLUDED."attemptedAt", "attemptStatus" = EXCLUDED."attemptStatus", "attemptMessage" = EXCLUDED."attemptMessage",
       "computedAt" = coalesce(EXCLUDED."computedAt", "PredictionRun"."computedAt"), "asOf" = coalesce(EXCLUDED."asOf", "PredictionRun"."asOf"),
       "durationMs" = coalesce(EXCLUDED."durationMs", "PredictionRun"."durationMs"), "customers" = coalesce(EXCLUDED."customers", "PredictionRun"."customers"),
       "repeaters" = coalesce(EXCLUDED."repeaters", "PredictionRun"."repeaters"), "params" = coalesce(EXCLUDED."params", "PredictionRun"."params"),
       "check" = CASE WHEN EXCLUDED."computedAt" IS NULL THEN "PredictionRun"."check" ELSE EXCLUDED."check" END,
       "distribution" = coalesce(EXCLUDED."distribution", "PredictionRun"."distribution")`,
    [
      workspaceId, run.status, run.message ?? null,
      run.fit ? "2026-12-05T07:00:00Z" : null, run.fit ? "2026-12-04" : null, run.fit ? 1234 : null, run.fit ? 160 : null, run.fit ? 40 : null,
      run.fit ? JSON.stringify(run.fit.params) : null, run.fit ? JSON.stringify(run.fit.check) : null, run.fit ? JSON.stringify(run.fit.distribution) : null,
    ],
  );
}

const names = ["Ann", "Bob", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kim", "Lu", "Mo", "Ned", "Oz", "Pia", "Quin", "Rae", "Sol", "Tess", "Uma", "Vic", "Wes", "Xia", "Yan", "Zed", "Abe", "Bea", "Cal", "Dot"];

/** 30 customers with predictions: customer i predicted at 10·i + 5 (two tied at 105), the other workspace's at 10,000 and more. */
async function storePredictions(workspaceId: string, base: number): Promise<string[]> {
  const records = names.map((firstName, i) => customer({ firstName, lastName: i === 0 ? "Archer" : null, email: `${firstName.toLowerCase()}-${base}@example.com` }));
  await insertCustomers(db.sql, workspaceId, records);
  const ids = records.map((r) => r.customer.id);
  const values = ids.map((_, i) => (i === 11 ? 10 * 10 + 5 : 10 * i + 5) + base);
  await db.sql.query(
    `INSERT INTO "CustomerPrediction" ("workspaceId", "customerId", "repeatPurchases", "firstPurchaseDate", "lastPurchaseDate", "probabilityAlive",
       "purchases30", "purchases90", "purchases365", "averageOrderValue", "value12m", "churnRisk")
     SELECT $1::uuid, v."id", 2, '2026-01-01', '2026-11-01', v."alive", 0.1, v."p90", v."p365", 42.5, v."value", CASE WHEN v."alive" < 0.3 THEN 'high' WHEN v."alive" < 0.7 THEN 'medium' ELSE 'low' END
     FROM unnest($2::uuid[], $3::numeric[], $4::float8[], $5::float8[], $6::float8[]) AS v("id", "value", "alive", "p90", "p365")`,
    [workspaceId, ids, values, ids.map((_, i) => i / 30), ids.map((_, i) => i / 10), ids.map((_, i) => i / 2.5)],
  );
  return ids;
}

let ids: string[];

beforeAll(async () => {
  db = await setupTestDb();
  ws = { workspaceId: await createWorkspace(db.sql, "Europe/Warsaw") };
  other = { workspaceId: await createWorkspace(db.sql, "UTC") };
  ids = await storePredictions(ws.workspaceId, 0);
  await storePredictions(other.workspaceId, 10_000);
}, 120_000);
afterAll(teardownTestDb);

describe("getPredictionPageRun", () => {
  it("is null before the first attempt, and scoped to the workspace", async () => {
    expect(await getPredictionPageRun(ws)).toBeNull();
    await storeRun(other.workspaceId, { status: "ok", fit: { params: PARAMS, check: CHECK, distribution: DISTRIBUTION } });
    expect(await getPredictionPageRun(ws)).toBeNull();
  });

  it("reports a failed first attempt with its message and no numbers", async () => {
    await storeRun(ws.workspaceId, { status: "insufficient", message: "Predictions need at least 20 customers with a repeat purchase; this workspace has 3." });
    expect(await getPredictionPageRun(ws)).toEqual({
      attemptedAt: new Date("2026-12-05T07:30:00Z"),
      attemptStatus: "insufficient",
      attemptMessage: "Predictions need at least 20 customers with a repeat purchase; this workspace has 3.",
      fit: null,
      fitUnreadable: false,
    });
  });

  it("parses a successful fit's parameters, check and distribution", async () => {
    await storeRun(ws.workspaceId, { status: "ok", fit: { params: PARAMS, check: CHECK, distribution: DISTRIBUTION } });
    const run = await getPredictionPageRun(ws);
    expect(run).toEqual({
      attemptedAt: new Date("2026-12-05T07:30:00Z"),
      attemptStatus: "ok",
      attemptMessage: null,
      fit: {
        computedAt: new Date("2026-12-05T07:00:00Z"),
        asOf: "2026-12-04",
        durationMs: 1234,
        customers: 160,
        repeaters: 40,
        params: PARAMS,
        check: CHECK,
        distribution: DISTRIBUTION,
      },
      fitUnreadable: false,
    });
  });

  it("keeps the last successful fit beside a later failed attempt, and reads a null check", async () => {
    await storeRun(ws.workspaceId, { status: "ok", fit: { params: PARAMS, check: null, distribution: DISTRIBUTION } });
    await storeRun(ws.workspaceId, { status: "not_converged", message: "BG/NBD did not converge after 500 iterations." });
    const run = await getPredictionPageRun(ws);
    expect(run).toMatchObject({ attemptStatus: "not_converged", attemptMessage: "BG/NBD did not converge after 500 iterations.", fitUnreadable: false });
    expect(run?.fit).toMatchObject({ asOf: "2026-12-04", check: null, params: PARAMS });
  });

  it("says a stored fit is unreadable when its JSON does not match the shapes, instead of failing the page", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await storeRun(ws.workspaceId, { status: "ok", fit: { params: { bgnbd: { r: -1 } }, check: CHECK, distribution: DISTRIBUTION } });
      expect(await getPredictionPageRun(ws)).toMatchObject({ attemptStatus: "ok", fit: null, fitUnreadable: true });
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});

describe("listTopPredictedCustomers", () => {
  it("lists the 25 highest predicted values of the workspace, ties by customer id, with names and numbers", async () => {
    const top = await listTopPredictedCustomers(ws);
    expect(top).toHaveLength(25);
    expect(top.every((c) => Number(c.value12m) < 10_000)).toBe(true);
    expect(top.map((c) => c.value12m).slice(0, 3)).toEqual(["295.00", "285.00", "275.00"]);
    expect(top[0]).toEqual({
      id: ids[29], name: "Dot", email: "dot-0@example.com", probabilityAlive: 29 / 30, purchases90: 2.9, purchases365: 29 / 2.5,
      averageOrderValue: "42.50", value12m: "295.00", churnRisk: "low",
    });
    // Customers 10 and 11 are tied at 105.00: the higher id comes first, as the index reads backwards.
    const tied = top.filter((c) => c.value12m === "105.00").map((c) => c.id);
    expect(tied).toEqual([ids[10], ids[11]].sort().reverse());
    const values = top.map((c) => Number(c.value12m));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // 30 values with one tie (no 115): the 25th highest is 55, and customers 0–4 (5 … 45) are left out.
    expect(top.at(-1)?.value12m).toBe("55.00");
    expect(await listTopPredictedCustomers(ws, 3)).toHaveLength(3);
    const archer = (await listTopPredictedCustomers(ws, 100)).find((c) => c.id === ids[0]);
    expect(archer).toMatchObject({ name: "Ann Archer", churnRisk: "high", probabilityAlive: 0 });
  });

  it("reads the value index backwards instead of sorting", async () => {
    const statement = topPredictedCustomersSql(ws.workspaceId, 25);
    const plan = await db.sql.transaction(async (tx) => {
      // Thirty rows are cheapest to scan whole and sort; forbid the whole-table scans, as their cost does at scale.
      await tx.query(`ANALYZE "CustomerPrediction"`);
      await tx.query(`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`);
      const rows = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, statement.values);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    // The inner LIMIT takes the first index entries read backwards: no sort of the workspace's predictions.
    expect(plan).toMatch(/Limit[^\n]*\n\s*->\s+Index Scan Backward using "CustomerPrediction_workspaceId_value12m_customerId_idx"/);
  });
});
