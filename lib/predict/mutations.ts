/**
 * The prediction refresh: fit the workspace's models on its paid orders, check them on a holdout,
 * score every customer and store the numbers, in one transaction (docs/decisions/018-predictions.md).
 */
import "server-only";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidatePredictionSegmentsSql } from "@/lib/membership/invalidate";
import type { LocalDate } from "@/lib/segments/time";
import { buildCheck } from "./check";
import { fitModels, fitPurchaseModel } from "./fit";
import { MIN_CUSTOMERS, MIN_REPEATERS, missingHistory, planHoldout } from "./history";
import { parsePredictionDate, todayIn, type PredictionScope } from "./queries";
import type { PredictionCheck, PredictionParams } from "./schemas";
import { DistributionBuilder, scoreCustomer, type CustomerScores } from "./scoring";
import { SUMMARY_TABLE } from "./sql";
import { cohortDays, buildSummary, forEachSummaryBatch, historyFacts, holdoutGroups, purchaseGroups, spendGroups, type CustomerSummary, type SummaryTx } from "./summary";

/** What a refresh did: stored new numbers, or recorded why not (the stored numbers then stay as they were). */
export type PredictionRunOutcome =
  | {
      status: "ok";
      asOf: LocalDate;
      durationMs: number;
      /** Customers scored (those with a paid order on or before asOf) and those with a repeat purchase day. */
      customers: number;
      repeaters: number;
      params: PredictionParams;
      /** Why the run has no expected-vs-actual check (too little history, or its fit failed); null when it has one. */
      checkMessage: string | null;
    }
  | { status: "insufficient" | "not_converged"; asOf: LocalDate; message: string };

/** Rows scored and written per statement. */
const BATCH = 20_000;

/** Options of a refresh. */
export interface RefreshOptions {
  /** The local date predictions are for (YYYY-MM-DD; default today in the workspace's zone): orders up to its end count. */
  asOf?: string;
  /** Told how long each step took, in ms (the benchmark reads it); steps that run per batch are summed, and writes overlap scoring. */
  onStep?: (step: RefreshStep, ms: number) => void;
}

/** The steps a refresh times. */
export type RefreshStep = "summary" | "grouped rows" | "fit" | "check" | "scoring" | "reading summaries" | "writes" | "commit";

/** Sums the time of named steps. */
class Steps {
  private readonly totals = new Map<RefreshStep, number>();
  constructor(private readonly report?: RefreshOptions["onStep"]) {}
  add(step: RefreshStep, ms: number): void {
    this.totals.set(step, (this.totals.get(step) ?? 0) + ms);
  }
  async time<T>(step: RefreshStep, fn: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(step, performance.now() - started);
    }
  }
  flush(): void {
    for (const [step, ms] of this.totals) this.report?.(step, ms);
  }
}

/**
 * Refreshes the workspace's stored predictions as of asOf (a local date; default today in its
 * zone). Too little history or a fit that fails records the attempt and its message and changes
 * nothing else.
 */
export async function refreshPredictions(scope: PredictionScope, options: RefreshOptions = {}): Promise<PredictionRunOutcome> {
  return storePredictions((await getDb()).sql, scope, options);
}

/** The refresh on a given connection (the demo seed's, which has no global database). */
export async function storePredictions(sql: SqlDriver, scope: PredictionScope, options: RefreshOptions = {}): Promise<PredictionRunOutcome> {
  const started = performance.now();
  const steps = new Steps(options.onStep);
  const asOf = options.asOf === undefined ? todayIn(scope.timeZone) : parsePredictionDate(options.asOf, "The prediction date");
  const outcome = await sql.transaction(async (tx) => {
    // One refresh per workspace at a time; a second waits and then recomputes from fresh data.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('predict:' || $1::text))`, [scope.workspaceId]);
    const [{ first }] = await tx.query<{ first: string | null }>(
      `SELECT (min(o."placedAt") AT TIME ZONE $2::text)::date::text AS "first" FROM "Order" o WHERE o."workspaceId" = $1 AND o."status" = 'paid'`,
      [scope.workspaceId, scope.timeZone],
    );
    const plan = planHoldout(first, asOf);
    const summary = await steps.time("summary", () => buildSummary(tx, scope, asOf, plan.ok ? plan.calibrationEnd : null));
    const facts = await historyFacts(summary);
    const missing = missingHistory(facts, asOf);
    if (missing) return recordFailure(tx, scope, asOf, "insufficient", missing);
    const [purchases, spend] = await steps.time("grouped rows", async () => [await purchaseGroups(summary), await spendGroups(summary)] as const);
    const fitted = await steps.time("fit", () => fitModels(purchases, spend));
    if (!fitted.ok) return recordFailure(tx, scope, asOf, "not_converged", fitted.message);
    const check = await steps.time("check", () => (plan.ok ? checkOf(summary, plan) : { check: null, message: plan.reason }));
    const distribution = await writeScores(tx, scope, summary, fitted.params, steps);
    // Stored membership reads these numbers: segments with prediction conditions are stale now.
    const stale = invalidatePredictionSegmentsSql(scope.workspaceId);
    await tx.query(stale.text, stale.values);
    const durationMs = Math.round(performance.now() - started);
    await tx.query(
      `INSERT INTO "PredictionRun" AS r ("workspaceId", "attemptedAt", "attemptStatus", "attemptMessage", "computedAt", "asOf", "durationMs", "customers", "repeaters", "params", "check", "distribution")
       VALUES ($1, now(), 'ok', $2, now(), $3::date, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb)
       ON CONFLICT ("workspaceId") DO UPDATE SET "attemptedAt" = EXCLUDED."attemptedAt", "attemptStatus" = EXCLUDED."attemptStatus",
         "attemptMessage" = EXCLUDED."attemptMessage", "computedAt" = EXCLUDED."computedAt", "asOf" = EXCLUDED."asOf", "durationMs" = EXCLUDED."durationMs",
         "customers" = EXCLUDED."customers", "repeaters" = EXCLUDED."repeaters", "params" = EXCLUDED."params", "check" = EXCLUDED."check",
         "distribution" = EXCLUDED."distribution"`,
      [scope.workspaceId, check.message, asOf, durationMs, facts.customers, facts.repeaters, JSON.stringify(fitted.params), JSON.stringify(check.check), JSON.stringify(distribution)],
    );
    return { status: "ok", asOf, durationMs, customers: facts.customers, repeaters: facts.repeaters, params: fitted.params, checkMessage: check.message } as const;
  });
  // Reclaim the row versions the refresh replaced and refresh the planner's statistics (autovacuum may be off).
  if (outcome.status === "ok" && sql.kind === "postgres") await steps.time("commit", () => sql.query(`VACUUM (ANALYZE) "CustomerPrediction"`));
  steps.flush();
  return outcome;
}

async function recordFailure(tx: SqlDriver, scope: PredictionScope, asOf: LocalDate, status: "insufficient" | "not_converged", message: string): Promise<PredictionRunOutcome> {
  await tx.query(
    `INSERT INTO "PredictionRun" ("workspaceId", "attemptedAt", "attemptStatus", "attemptMessage") VALUES ($1, now(), $2, $3)
     ON CONFLICT ("workspaceId") DO UPDATE SET "attemptedAt" = EXCLUDED."attemptedAt", "attemptStatus" = EXCLUDED."attemptStatus", "attemptMessage" = EXCLUDED."attemptMessage"`,
    [scope.workspaceId, status, message],
  );
  return { status, asOf, message };
}

/** The expected-vs-actual check: BG/NBD fitted again on the calibration period, compared with the holdout. */
async function checkOf(summary: SummaryTx, plan: Extract<ReturnType<typeof planHoldout>, { ok: true }>): Promise<{ check: PredictionCheck; message: string | null }> {
  const groups = await holdoutGroups(summary);
  const customers = groups.reduce((n, g) => n + g.count, 0);
  const repeaters = groups.reduce((n, g) => n + (g.x > 0 ? g.count : 0), 0);
  if (customers < MIN_CUSTOMERS || repeaters < MIN_REPEATERS) {
    return { check: null, message: `No expected-vs-actual check: up to ${plan.calibrationEnd} (before the ${plan.holdoutDays / 7}-week holdout) there are ${customers.toLocaleString("en-US")} customers and ${repeaters.toLocaleString("en-US")} who bought on two different days, too few to fit on (${MIN_CUSTOMERS} and ${MIN_REPEATERS} needed).` };
  }
  const fit = fitPurchaseModel(groups);
  if (!fit.ok) return { check: null, message: `No expected-vs-actual check: fitted on the history up to ${plan.calibrationEnd}, ${fit.message.charAt(0).toLowerCase()}${fit.message.slice(1)}` };
  const { firsts, repeats } = await cohortDays(summary);
  const { r, alpha, a, b } = fit.params;
  return { check: buildCheck({ plan, params: { r, alpha, a, b }, groups, firsts, repeats }), message: null };
}

type ScoredRow = { customerId: string; x: number; firstDay: string; lastDay: string } & CustomerScores;

// Set-based, in customer order; a row is rewritten only when one of its values changed.
const UPSERT = `INSERT INTO "CustomerPrediction" AS t ("workspaceId", "customerId", "repeatPurchases", "firstPurchaseDate", "lastPurchaseDate",
    "probabilityAlive", "purchases30", "purchases90", "purchases365", "averageOrderValue", "value12m", "churnRisk")
  SELECT $1::uuid, u.* FROM unnest($2::uuid[], $3::int[], $4::date[], $5::date[], $6::float8[], $7::float8[], $8::float8[], $9::float8[],
    $10::numeric[], $11::numeric[], $12::text[]) AS u
  ON CONFLICT ("workspaceId", "customerId") DO UPDATE SET "repeatPurchases" = EXCLUDED."repeatPurchases", "firstPurchaseDate" = EXCLUDED."firstPurchaseDate",
    "lastPurchaseDate" = EXCLUDED."lastPurchaseDate", "probabilityAlive" = EXCLUDED."probabilityAlive", "purchases30" = EXCLUDED."purchases30",
    "purchases90" = EXCLUDED."purchases90", "purchases365" = EXCLUDED."purchases365", "averageOrderValue" = EXCLUDED."averageOrderValue",
    "value12m" = EXCLUDED."value12m", "churnRisk" = EXCLUDED."churnRisk"
  WHERE (t."repeatPurchases", t."firstPurchaseDate", t."lastPurchaseDate", t."probabilityAlive", t."purchases30", t."purchases90", t."purchases365",
         t."averageOrderValue", t."value12m", t."churnRisk")
    IS DISTINCT FROM (EXCLUDED."repeatPurchases", EXCLUDED."firstPurchaseDate", EXCLUDED."lastPurchaseDate", EXCLUDED."probabilityAlive",
         EXCLUDED."purchases30", EXCLUDED."purchases90", EXCLUDED."purchases365", EXCLUDED."averageOrderValue", EXCLUDED."value12m", EXCLUDED."churnRisk")`;

async function upsert(tx: SqlDriver, workspaceId: string, rows: readonly ScoredRow[]): Promise<void> {
  const column = <K extends keyof ScoredRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(UPSERT, [
    workspaceId, column("customerId"), column("x"), column("firstDay"), column("lastDay"), column("probabilityAlive"), column("purchases30"),
    column("purchases90"), column("purchases365"), column("averageOrderValue"), column("value12m"), column("churnRisk"),
  ]);
}

/**
 * Scores every customer of the summary, writes the rows, drops those of customers no longer in it;
 * returns the page's distribution. Batch k is scored in Node while the database writes batch
 * k − 1 (the cursor's next fetch waits for that write on the one connection).
 */
async function writeScores(tx: SqlDriver, scope: PredictionScope, summary: SummaryTx, params: PredictionParams, steps: Steps) {
  const distribution = new DistributionBuilder();
  const score = (batch: CustomerSummary[]): ScoredRow[] => batch.map((s) => {
    const scores = scoreCustomer(params, s);
    distribution.add(scores);
    return { customerId: s.customerId, x: s.x, firstDay: s.firstDay, lastDay: s.lastDay, ...scores };
  });
  let previous: ScoredRow[] | null = null;
  let fetched = performance.now();
  await forEachSummaryBatch(summary, 1, BATCH, async (batch) => {
    steps.add("reading summaries", performance.now() - fetched);
    const waiting = previous;
    const writing = waiting ? steps.time("writes", () => upsert(tx, scope.workspaceId, waiting)) : null;
    previous = await steps.time("scoring", () => score(batch));
    await writing;
    fetched = performance.now();
  });
  const last = previous;
  if (last) await steps.time("writes", () => upsert(tx, scope.workspaceId, last));
  // Customers without a paid order on or before asOf (any more) have no prediction.
  const stale = Prisma.sql`DELETE FROM "CustomerPrediction" t WHERE t."workspaceId" = ${scope.workspaceId}::uuid
    AND NOT EXISTS (SELECT 1 FROM ${Prisma.raw(`"${SUMMARY_TABLE}"`)} s WHERE s."customerId" = t."customerId")`;
  await steps.time("writes", () => tx.query(stale.text, stale.values));
  return distribution.build();
}
