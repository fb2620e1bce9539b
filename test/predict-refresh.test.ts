/**
 * The prediction refresh on generated shop data (the seed loader's orders): what it stores, for
 * whom, with which values; what it refuses (too little history, a fit that fails) and what it
 * leaves alone (the last success, other workspaces); prediction conditions in segments, live, in
 * the evaluator and in stored membership.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { buildCatalog } from "@/lib/fields/catalog";
import { enqueueDailyJobs } from "@/lib/jobs/daily";
import { startJobRunner } from "@/lib/jobs/runner";
import { syncMembership } from "@/lib/membership";
import { PREDICT_REFRESH_JOB } from "@/lib/predict/job";
import { expectedAverageValue, expectedPurchases, probabilityAlive } from "@/lib/predict/model";
import { refreshPredictions } from "@/lib/predict/mutations";
import { getPredictionRun } from "@/lib/predict/queries";
import { predictionCheckSchema } from "@/lib/predict/schemas";
import { displayFieldValue } from "@/lib/customers/display";
import { exportCustomersCsv } from "@/lib/customers/export";
import { exportCustomerData } from "@/lib/customers/personal-data";
import { getCustomerProfile } from "@/lib/customers/queries";
import { formatMoney } from "@/lib/format";
import { listCustomers } from "@/lib/customers/list";
import { countSegment } from "@/lib/segments/count";
import { evaluateDefinition } from "@/lib/segments/evaluate";
import { loadCustomerRecords } from "@/lib/segments/queries";
import { localDateOf } from "@/lib/segments/time";
import { seedWorkspace } from "@/lib/seed/load";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { changeLog, expectExact, insertSegment, storedMembers } from "./membership-support";
import { setupTestDb, teardownTestDb } from "./support/db";

// Lets one test make the spend model fail to converge, as real data sometimes does.
const control = vi.hoisted(() => ({ failSpendFit: false }));
vi.mock("@/lib/predict/model", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/predict/model")>();
  return {
    ...actual,
    fitGammaGamma: (...args: Parameters<typeof actual.fitGammaGamma>) =>
      control.failSpendFit
        ? { params: { p: 1, q: 2, v: 3 }, logLikelihood: -1, iterations: 200, converged: false, message: "the line search failed" }
        : actual.fitGammaGamma(...args),
  };
});

const NOW = new Date("2026-06-15T12:00:00Z");
const AS_OF = "2026-06-15";
let db: Db;
let A: { workspaceId: string; timeZone: string };
let B: { workspaceId: string; timeZone: string };
let tiny: { workspaceId: string; timeZone: string };

type Stored = { customerId: string; repeatPurchases: number; firstPurchaseDate: string; lastPurchaseDate: string; probabilityAlive: number; purchases30: number;
  purchases90: number; purchases365: number; averageOrderValue: string; value12m: string; churnRisk: string };

async function stored(workspaceId: string): Promise<Stored[]> {
  return db.sql.query<Stored>(
    `SELECT "customerId"::text AS "customerId", "repeatPurchases", "firstPurchaseDate"::text AS "firstPurchaseDate", "lastPurchaseDate"::text AS "lastPurchaseDate",
            "probabilityAlive", "purchases30", "purchases90", "purchases365", "averageOrderValue"::text AS "averageOrderValue", "value12m"::text AS "value12m", "churnRisk"
       FROM "CustomerPrediction" WHERE "workspaceId" = $1 ORDER BY "customerId"`,
    [workspaceId],
  );
}

async function scopeOf(slug: string) {
  const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { slug } });
  return { workspaceId: ws.id, timeZone: ws.timeZone };
}

beforeAll(async () => {
  db = await setupTestDb();
  // A shop in New York: purchase days are local days there.
  await createWorkspace(db, { slug: "predict-a", name: "A", timeZone: "America/New_York" });
  await createWorkspace(db, { slug: "predict-b", name: "B", timeZone: "UTC" });
  await createWorkspace(db, { slug: "predict-tiny", name: "Tiny", timeZone: "UTC" });
  await seedWorkspace(db, { workspaceSlug: "predict-a", customers: 400, seed: 21, now: NOW, worker: false });
  await seedWorkspace(db, { workspaceSlug: "predict-b", customers: 150, seed: 22, now: NOW, worker: false });
  await seedWorkspace(db, { workspaceSlug: "predict-tiny", customers: 3, seed: 23, now: NOW, worker: false });
  [A, B, tiny] = [await scopeOf("predict-a"), await scopeOf("predict-b"), await scopeOf("predict-tiny")];
}, 300_000);
afterAll(teardownTestDb);

describe("a refresh", () => {
  test("stores a row for exactly the customers with a paid order on or before the date, and records the run", async () => {
    const outcome = await refreshPredictions(A, { asOf: AS_OF });
    expect(outcome.status).toBe("ok");
    const buyers = await db.sql.query<{ id: string }>(
      `SELECT DISTINCT "customerId"::text AS "id" FROM "Order" WHERE "workspaceId" = $1 AND "status" = 'paid' AND "placedAt" < $2::timestamptz ORDER BY 1`,
      [A.workspaceId, "2026-06-16T00:00:00Z"],
    );
    const rows = await stored(A.workspaceId);
    expect(rows.map((r) => r.customerId)).toEqual(buyers.map((b) => b.id));
    const run = (await getPredictionRun(A))!;
    expect(run).toMatchObject({ attemptStatus: "ok", asOf: AS_OF, customers: buyers.length });
    expect(run.computedAt).not.toBeNull();
    expect(run.repeaters).toBe(rows.filter((r) => r.repeatPurchases > 0).length);
    expect(run.distribution!.churnRisk.low + run.distribution!.churnRisk.medium + run.distribution!.churnRisk.high).toBe(rows.length);
    expect(run.distribution!.value12m.reduce((n, b) => n + b.customers, 0)).toBe(rows.length);
    expect(run.distribution!.totalValue12m).toBeCloseTo(rows.reduce((s, r) => s + Number(r.value12m), 0), 1);
    if (outcome.status === "ok" && outcome.checkMessage === null) {
      const check = predictionCheckSchema.parse(run.check)!;
      expect(check.holdoutEnd).toBe(AS_OF);
      expect(check.byFrequency.map((b) => b.repeatPurchases)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(check.byFrequency.reduce((n, b) => n + b.customers, 0)).toBeGreaterThan(0);
      expect(check.cumulative.at(-1)!.date).toBe(AS_OF);
      // Holdout purchase days of the calibration cohort, counted independently.
      const [{ n }] = await db.sql.query<{ n: number }>(
        `WITH d AS (SELECT DISTINCT o."customerId", (o."placedAt" AT TIME ZONE $2)::date AS day FROM "Order" o WHERE o."workspaceId" = $1 AND o."status" = 'paid')
         SELECT count(*)::int AS n FROM d WHERE d.day > $3::date AND d.day <= $4::date
           AND d."customerId" IN (SELECT "customerId" FROM d WHERE d.day <= $3::date)`,
        [A.workspaceId, A.timeZone, check.calibrationEnd, AS_OF],
      );
      expect(check.totalActual).toBe(n);
      const weighted = check.byFrequency.reduce((s, b) => s + b.actual * b.customers, 0);
      expect(weighted).toBeCloseTo(n, 0);
    } else {
      expect(run.check).toBeNull();
    }
  });

  test("a customer's numbers are the model's, from purchase days counted by hand", async () => {
    const run = (await getPredictionRun(A))!;
    const rows = await stored(A.workspaceId);
    const repeat = rows.find((r) => r.repeatPurchases >= 2)!;
    const orders = await db.prisma.order.findMany({ where: { workspaceId: A.workspaceId, customerId: repeat.customerId, status: "paid", placedAt: { lt: new Date("2026-06-16T00:00:00Z") } } });
    const days = new Map<string, number>();
    for (const o of orders) {
      const day = localDateOf(o.placedAt.getTime(), A.timeZone);
      days.set(day, (days.get(day) ?? 0) + Number(o.total));
    }
    const sorted = [...days.keys()].sort();
    const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const x = sorted.length - 1;
    const tx = dayNumber(sorted.at(-1)!) - dayNumber(sorted[0]);
    const T = dayNumber(AS_OF) - dayNumber(sorted[0]);
    const zbar = sorted.slice(1).reduce((s, d) => s + days.get(d)!, 0) / x;
    expect([repeat.repeatPurchases, repeat.firstPurchaseDate, repeat.lastPurchaseDate]).toEqual([x, sorted[0], sorted.at(-1)]);
    const { bgnbd, gammaGamma } = run.params!;
    expect(repeat.probabilityAlive).toBeCloseTo(probabilityAlive(bgnbd, x, tx, T), 6);
    expect(repeat.purchases30).toBeCloseTo(expectedPurchases(bgnbd, 30, x, tx, T), 6);
    expect(repeat.purchases365).toBeCloseTo(expectedPurchases(bgnbd, 365, x, tx, T), 6);
    const aov = expectedAverageValue(gammaGamma, x, zbar);
    expect(Number(repeat.averageOrderValue)).toBeCloseTo(aov, 2);
    expect(Number(repeat.value12m)).toBeCloseTo(repeat.purchases365 * Number(repeat.averageOrderValue), 2);
    expect(repeat.churnRisk).toBe(repeat.probabilityAlive < 0.3 ? "high" : repeat.probabilityAlive < 0.7 ? "medium" : "low");
  });

  test("too little history: the message says what is missing, and nothing is stored", async () => {
    const outcome = await refreshPredictions(tiny, { asOf: AS_OF });
    expect(outcome.status).toBe("insufficient");
    const buyers = (await stored(tiny.workspaceId)).length;
    expect(buyers).toBe(0);
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(DISTINCT "customerId")::int AS n FROM "Order" WHERE "workspaceId" = $1 AND "status" = 'paid'`, [tiny.workspaceId]);
    expect(outcome.status === "insufficient" && outcome.message).toContain(`Predictions need at least 50 customers with a paid order; this workspace has ${n}.`);
    const run = (await getPredictionRun(tiny))!;
    expect(run).toMatchObject({ attemptStatus: "insufficient", computedAt: null, params: null, customers: null });
    expect(run.attemptMessage).toBe(outcome.status === "insufficient" ? outcome.message : null);
  });

  test("a fit that does not converge is reported; the stored rows and the last success stay as they were", async () => {
    const before = await stored(A.workspaceId);
    const runBefore = (await getPredictionRun(A))!;
    control.failSpendFit = true;
    try {
      const outcome = await refreshPredictions(A, { asOf: "2026-06-10" });
      expect(outcome).toMatchObject({ status: "not_converged" });
      expect(outcome.status === "not_converged" && outcome.message).toBe("The spend model (Gamma-Gamma) did not converge after 200 iterations: the line search failed.");
    } finally {
      control.failSpendFit = false;
    }
    expect(await stored(A.workspaceId)).toEqual(before);
    const run = (await getPredictionRun(A))!;
    expect(run).toMatchObject({ attemptStatus: "not_converged", asOf: AS_OF, params: runBefore.params, computedAt: runBefore.computedAt });
    expect(run.attemptedAt.getTime()).toBeGreaterThan(runBefore.attemptedAt.getTime());
  });

  test("is scoped: another workspace's orders are never used and its rows never touched", async () => {
    expect((await refreshPredictions(B, { asOf: AS_OF })).status).toBe("ok");
    const rowsB = await stored(B.workspaceId);
    const first = await refreshPredictions(A, { asOf: AS_OF });
    // B's orders change a lot; A's fit and rows must not move.
    await db.sql.query(`UPDATE "Order" SET "status" = 'refunded' WHERE "workspaceId" = $1 AND "placedAt" < '2026-03-01'`, [B.workspaceId]);
    const second = await refreshPredictions(A, { asOf: AS_OF });
    expect(first.status === "ok" && second.status === "ok" && second.params).toEqual(first.status === "ok" && first.params);
    expect(await stored(B.workspaceId)).toEqual(rowsB);
  });
});

describe("prediction columns", () => {
  test("sort the customer table and fill the CSV export", async () => {
    await refreshPredictions(A, { asOf: AS_OF });
    const rows = await stored(A.workspaceId);
    const top = [...rows].sort((x, y) => Number(y.value12m) - Number(x.value12m) || (y.customerId > x.customerId ? 1 : -1)).slice(0, 25);
    const page = await listCustomers(A, { sort: "prediction.value12m", direction: "desc", pageSize: 25, columns: ["prediction.value12m", "prediction.churnRisk", "prediction.probabilityAlive"] }, { now: NOW });
    expect(page.rows.map((r) => r.id)).toEqual(top.map((r) => r.customerId));
    expect(page.rows.map((r) => r.values["prediction.value12m"])).toEqual(top.map((r) => r.value12m));
    expect(page.rows.map((r) => r.values["prediction.churnRisk"])).toEqual(top.map((r) => r.churnRisk));
    expect(page.rows.map((r) => Number(r.values["prediction.probabilityAlive"]))).toEqual(top.map((r) => r.probabilityAlive));
    // Customers without a prediction sort lowest: last when descending.
    const total = await db.prisma.customer.count({ where: { workspaceId: A.workspaceId } });
    const last = await listCustomers(A, { sort: "prediction.value12m", direction: "desc", pageSize: 25, page: Math.ceil(total / 25), columns: ["prediction.value12m"] }, { now: NOW });
    expect(last.rows.at(-1)!.values["prediction.value12m"]).toBeNull();

    // The profile's Predictions card.
    const profile = (await getCustomerProfile({ ...A, userId: null, role: "viewer" }, top[0].customerId))!;
    const card = buildCatalog().fields.filter((f) => f.group === "Predictions").map((f) => displayFieldValue(f, profile.customer, A.timeZone, NOW));
    expect(card).toContain(formatMoney(top[0].value12m));
    expect(card.every((v) => v !== null)).toBe(true);
    // The right-of-access export includes the predictions made about the person.
    const personal = (await exportCustomerData({ ...A, userId: null, role: "viewer" }, top[0].customerId))!;
    expect(personal.prediction).toMatchObject({ value12m: top[0].value12m, churnRisk: top[0].churnRisk, probabilityAlive: top[0].probabilityAlive });
    const without = await db.sql.query<{ id: string }>(
      `SELECT c."id"::text AS "id" FROM "Customer" c WHERE c."workspaceId" = $1 AND NOT EXISTS (SELECT 1 FROM "CustomerPrediction" p WHERE p."workspaceId" = c."workspaceId" AND p."customerId" = c."id") LIMIT 1`,
      [A.workspaceId],
    );
    expect(without).toHaveLength(1);
    expect((await exportCustomerData({ ...A, userId: null, role: "viewer" }, without[0].id))!.prediction).toBeNull();

    const { stream, header } = await exportCustomersCsv({ ...A, userId: null, role: "editor" }, { columns: ["prediction.value12m", "prediction.churnRisk"] }, { now: NOW });
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    const body = csv.slice(1).trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
    const byId = new Map(body.map((cells) => [cells[0], cells]));
    expect(header.slice(-2)).toEqual(["prediction.value12m", "prediction.churnRisk"]);
    for (const r of rows.slice(0, 50)) expect(byId.get(r.customerId)!.slice(-2)).toEqual([r.value12m, r.churnRisk]);
  });
});

describe("prediction conditions", () => {
  const and = (...children: unknown[]) => ({ version: 1, root: { type: "group", combinator: "and", children } });
  const issueSegment = and(
    { type: "field", field: "prediction.probabilityAlive", operator: "lt", value: 0.3 },
    { type: "field", field: "prediction.value12m", operator: "gt", value: 500 },
  );
  const broader = and(
    { type: "field", field: "prediction.churnRisk", operator: "in", value: ["medium", "high"] },
    { type: "field", field: "prediction.purchases90", operator: "gt", value: 0.05 },
  );
  const empty = and({ type: "field", field: "prediction.value12m", operator: "is_empty" });

  test("count the same live as in the independent evaluator", async () => {
    await refreshPredictions(A, { asOf: AS_OF });
    const ids = (await db.prisma.customer.findMany({ where: { workspaceId: A.workspaceId }, select: { id: true } })).map((c) => c.id);
    const records = await loadCustomerRecords(A, ids);
    const catalog = buildCatalog();
    for (const definition of [issueSegment, broader, empty]) {
      const live = await countSegment(A, definition, { now: NOW });
      const evaluated = [...records.values()].filter((r) => evaluateDefinition(definition, catalog, r, { now: NOW, timeZone: A.timeZone })).length;
      expect(live, JSON.stringify(definition)).toBe(evaluated);
    }
    expect(await countSegment(A, broader, { now: NOW })).toBeGreaterThan(0);
    const [{ none }] = await db.sql.query<{ none: number }>(
      `SELECT count(*)::int AS none FROM "Customer" c WHERE c."workspaceId" = $1 AND NOT EXISTS (SELECT 1 FROM "CustomerPrediction" p WHERE p."workspaceId" = c."workspaceId" AND p."customerId" = c."id")`,
      [A.workspaceId],
    );
    expect(await countSegment(A, empty, { now: NOW })).toBe(none);
  });

  test("stored membership follows a refresh (cause prediction_refresh) and equals the live members", async () => {
    const segment = await insertSegment(db.sql, A.workspaceId, broader, "At risk");
    await syncMembership({ now: NOW, workspaceId: A.workspaceId });
    await expectExact(db.sql, A.workspaceId, NOW);
    const before = await storedMembers(db.sql, A.workspaceId, segment);
    // Six weeks earlier every customer's recency and T differ: the bands move.
    expect((await refreshPredictions(A, { asOf: "2026-05-01" })).status).toBe("ok");
    const later = new Date(NOW.getTime() + 60_000);
    await syncMembership({ now: later, workspaceId: A.workspaceId });
    await expectExact(db.sql, A.workspaceId, later);
    const after = await storedMembers(db.sql, A.workspaceId, segment);
    expect(after).not.toEqual(before);
    const causes = new Set((await changeLog(db.sql, A.workspaceId, segment)).slice(before.length).map((c) => c.cause));
    expect([...causes]).toEqual(["prediction_refresh"]);
  });
});

describe("the daily job", () => {
  test("predict.refresh runs once per workspace and local day; too little history is an outcome, not a failed job", async () => {
    const now = new Date();
    expect(await enqueueDailyJobs(db.sql, now, [PREDICT_REFRESH_JOB])).toBe(3);
    expect(await enqueueDailyJobs(db.sql, now, [PREDICT_REFRESH_JOB])).toBe(0);
    const runner = startJobRunner({ sql: db.sql, dailyCheckMs: 0, workers: false, log: () => undefined });
    await runner.idle();
    await runner.stop();
    const jobs = await db.sql.query<{ state: string }>(`SELECT "state"::text AS "state" FROM "Job" WHERE "kind" = $1`, [PREDICT_REFRESH_JOB]);
    expect(jobs.map((j) => j.state)).toEqual(["done", "done", "done"]);
    for (const scope of [A, B, tiny]) {
      const run = (await getPredictionRun(scope))!;
      expect(run.attemptedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 1000);
      if (run.attemptStatus === "ok") expect(run.asOf).toBe(localDateOf(now.getTime(), scope.timeZone));
    }
    expect((await getPredictionRun(tiny))!.attemptStatus).toBe("insufficient");
  });
});
