/**
 * RFM scoring exactly as the R package `rfm` (v0.3.0, `rfm_table_order` / `rfm_prep_bins`):
 * 5 bins per measure from type-7 quantiles at 20 %, 40 %, 60 % and 80 %, each plus 1, as cut
 * points; bin i holds lower[i] <= x < upper[i]. Recency is reversed (fewest days = 5). Scores come
 * from value thresholds, not ranks: tied values always share a score, and bins may be empty.
 * Pure; the database computes the same quantiles with percentile_cont (also type 7).
 */

/** Bins per measure (the package's default). */
export const RFM_BINS = 5;

/** The inner quantile probabilities: R's seq(0, 1, length.out = 6) without 0 and 1. */
export const RFM_PROBS: readonly number[] = [0.2, 0.4, 0.6, 0.8];

/** The three measures. */
export type RfmMeasure = "recency" | "frequency" | "monetary";
export const RFM_MEASURES: readonly RfmMeasure[] = ["recency", "frequency", "monetary"];

/** The four cut points t1 < … < t4 (quantile + 1) of each measure. */
export type RfmCuts = Record<RfmMeasure, number[]>;

/** One customer's measures: days since the last paid order, paid orders, total paid. */
export interface RfmMeasures {
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** One customer's scores, 1–5 each. */
export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/**
 * Type-7 quantile of ascending values, computed the way PostgreSQL's percentile_cont does
 * (lo + (hi − lo) · fraction at position p·(n−1)), so both give the same double.
 */
export function quantile7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("the quantile of no values is undefined");
  const position = p * (sorted.length - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const lo = sorted[first];
  if (first === second) return lo;
  return lo + (sorted[second] - lo) * (position - first);
}

/** The cut points of one measure: the inner type-7 quantiles plus 1 (the package's upper bounds). */
export function cutPoints(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return RFM_PROBS.map((p) => quantile7(sorted, p) + 1);
}

/** The cut points of all three measures over a population (at least one customer). */
export function computeCuts(population: readonly RfmMeasures[]): RfmCuts {
  return {
    recency: cutPoints(population.map((c) => c.recencyDays)),
    frequency: cutPoints(population.map((c) => c.frequency)),
    monetary: cutPoints(population.map((c) => c.monetary)),
  };
}

/** The bin (1–5) of x: bin i holds cut[i−1] <= x < cut[i]; with tied cuts the bins between are empty. */
export function binOf(x: number, cuts: readonly number[]): number {
  let bin = 1;
  for (const t of cuts) if (x >= t) bin += 1;
  return bin;
}

/** Scores of one customer against the population's cut points (recency reversed). */
export function scoreCustomer(measures: RfmMeasures, cuts: RfmCuts): RfmScores {
  return {
    r: RFM_BINS + 1 - binOf(measures.recencyDays, cuts.recency),
    f: binOf(measures.frequency, cuts.frequency),
    m: binOf(measures.monetary, cuts.monetary),
  };
}

/** The package's rfm_score: 100·R + 10·F + M. */
export function rfmScore(scores: RfmScores): number {
  return 100 * scores.r + 10 * scores.f + scores.m;
}

/** Lower and upper bounds of each bin, as the package's `threshold` table shows them. */
export function binBounds(cuts: readonly number[], min: number, max: number): { lower: number[]; upper: number[] } {
  return { lower: [min, ...cuts], upper: [...cuts, max + 1] };
}
