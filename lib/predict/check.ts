/**
 * The expected-vs-actual check (Fader, Hardie and Lee 2005, figures 2 and 3): BG/NBD fitted on the
 * history up to a calibration end predicts the holdout that follows, and is compared with what the
 * customers did. Pure; time in days.
 */
import { daysBetween } from "@/lib/rfm/context";
import { addDays, type LocalDate } from "@/lib/segments/time";
import { expectedPurchases, expectedPurchasesFromStart } from "./model";
import type { HoldoutPlan } from "./history";
import type { BgNbdParams, PredictionCheck } from "./schemas";

/** The last frequency bucket is "this many repeat purchases or more". */
export const FREQUENCY_BUCKETS = 7;

/** A calibration group with its customers' purchase days in the holdout. */
export interface HoldoutGroup {
  x: number;
  tx: number;
  T: number;
  count: number;
  holdout: number;
}

/** What the check is computed from. */
export interface CheckInput {
  plan: Extract<HoldoutPlan, { ok: true }>;
  params: BgNbdParams;
  groups: readonly HoldoutGroup[];
  /** The cohort's first purchase days (customers per day), and its repeat purchase days per day through the holdout end. */
  firsts: readonly { day: LocalDate; customers: number }[];
  repeats: readonly { day: LocalDate; repeats: number }[];
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * Per number of repeat purchases in calibration (0 … 7 or more): the customers, and the mean
 * purchase days per customer in the holdout, predicted (the conditional expectation) and actual.
 */
export function byFrequency(params: BgNbdParams, holdoutDays: number, groups: readonly HoldoutGroup[]): { buckets: NonNullable<PredictionCheck>["byFrequency"]; totalPredicted: number } {
  const buckets = Array.from({ length: FREQUENCY_BUCKETS + 1 }, (_, i) => ({ repeatPurchases: i, orMore: i === FREQUENCY_BUCKETS, customers: 0, predicted: 0, actual: 0 }));
  let totalPredicted = 0;
  for (const g of groups) {
    const b = buckets[Math.min(g.x, FREQUENCY_BUCKETS)];
    const predicted = g.count * expectedPurchases(params, holdoutDays, g.x, g.tx, g.T);
    b.customers += g.count;
    b.predicted += predicted;
    b.actual += g.holdout;
    totalPredicted += predicted;
  }
  return {
    buckets: buckets.map((b) => ({ ...b, predicted: b.customers > 0 ? round4(b.predicted / b.customers) : 0, actual: b.customers > 0 ? round4(b.actual / b.customers) : 0 })),
    totalPredicted,
  };
}

/**
 * Cumulative repeat purchase days of the calibration cohort, weekly from its first purchase day to
 * the holdout end (which is always the last point): actual, and predicted as the sum over first
 * purchase days f of (customers who first bought on f) × E[X(d − f)].
 */
export function cumulative(params: BgNbdParams, holdoutEnd: LocalDate, firsts: CheckInput["firsts"], repeats: CheckInput["repeats"]): NonNullable<PredictionCheck>["cumulative"] {
  if (firsts.length === 0) return [];
  const origin = firsts[0].day;
  const span = daysBetween(origin, holdoutEnd);
  // E[X(t)] depends on t alone: one evaluation per day of the span.
  const expected = Float64Array.from({ length: span + 1 }, (_, t) => (t === 0 ? 0 : expectedPurchasesFromStart(params, t)));
  const byFirst = firsts.map((f) => ({ offset: daysBetween(origin, f.day), customers: f.customers }));
  const repeatsByOffset = new Float64Array(span + 1);
  for (const r of repeats) {
    const offset = daysBetween(origin, r.day);
    if (offset >= 0 && offset <= span) repeatsByOffset[offset] += r.repeats;
  }
  const points: number[] = [];
  for (let d = 7; d < span; d += 7) points.push(d);
  points.push(span);
  let actual = 0;
  let counted = -1;
  return points.map((d) => {
    while (counted < d) actual += repeatsByOffset[++counted];
    let predicted = 0;
    for (const f of byFirst) if (f.offset < d) predicted += f.customers * expected[d - f.offset];
    return { date: addDays(origin, d), predicted: round4(predicted), actual };
  });
}

/** The check of a run, from the calibration fit and the summary's check columns. */
export function buildCheck(input: CheckInput): NonNullable<PredictionCheck> {
  const { plan, params, groups } = input;
  const { buckets, totalPredicted } = byFrequency(params, plan.holdoutDays, groups);
  return {
    calibrationEnd: plan.calibrationEnd,
    holdoutEnd: plan.holdoutEnd,
    holdoutDays: plan.holdoutDays,
    params,
    byFrequency: buckets,
    cumulative: cumulative(params, plan.holdoutEnd, input.firsts, input.repeats),
    totalPredicted: round4(totalPredicted),
    totalActual: groups.reduce((n, g) => n + g.holdout, 0),
  };
}
