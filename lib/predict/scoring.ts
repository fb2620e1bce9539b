/**
 * One customer's numbers from the fitted models, and the page's distribution of them. Pure.
 * Time is in days (the summary's unit in the product); horizons are 30, 90 and 365 days.
 */
import { expectedAverageValue, expectedPurchases, probabilityAlive } from "./model";
import type { BgNbdParams, ChurnRisk, GammaGammaParams, PredictionDistribution } from "./schemas";

/** Churn risk from the probability still active: high below 0.3, medium below 0.7, low from 0.7. */
export const CHURN_THRESHOLDS = { high: 0.3, medium: 0.7 } as const;

/** The horizons of the expected purchases, in days. */
export const HORIZONS = [30, 90, 365] as const;

/** The band of a probability still active. */
export function churnRiskOf(probabilityAlive: number): ChurnRisk {
  if (probabilityAlive < CHURN_THRESHOLDS.high) return "high";
  return probabilityAlive < CHURN_THRESHOLDS.medium ? "medium" : "low";
}

/**
 * Doubles are stored rounded to 6 decimals: such a double prints as those digits everywhere
 * (JavaScript, PostgreSQL's float8 → numeric), so a condition compares the same in SQL and in the
 * evaluator.
 */
export function round6(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** Money to 2 decimals as a decimal string (what NUMERIC(14,2) stores). */
export function money(v: number): string {
  return (Math.round(v * 100) / 100).toFixed(2);
}

/** The fitted models of a workspace. */
export interface FittedModels {
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
}

/** A customer's numbers, rounded as stored. */
export interface CustomerScores {
  probabilityAlive: number;
  purchases30: number;
  purchases90: number;
  purchases365: number;
  /** Expected value of a purchase day (Gamma-Gamma), 2 decimals. */
  averageOrderValue: string;
  /** purchases365 × averageOrderValue, undiscounted, 2 decimals. */
  value12m: string;
  churnRisk: ChurnRisk;
}

/** Scores one customer's summary (x, t_x, T in days; zbar the mean repeat purchase day value). */
export function scoreCustomer(models: FittedModels, s: { x: number; tx: number; T: number; zbar: number }): CustomerScores {
  const alive = round6(probabilityAlive(models.bgnbd, s.x, s.tx, s.T));
  const [purchases30, purchases90, purchases365] = HORIZONS.map((t) => round6(expectedPurchases(models.bgnbd, t, s.x, s.tx, s.T)));
  const aov = Number(money(expectedAverageValue(models.gammaGamma, s.x, s.zbar)));
  return {
    probabilityAlive: alive,
    purchases30,
    purchases90,
    purchases365,
    averageOrderValue: money(aov),
    value12m: money(purchases365 * aov),
    churnRisk: churnRiskOf(alive),
  };
}

/** Collects scores as they are computed and summarizes them for the page. */
export class DistributionBuilder {
  private values = new Float64Array(1024);
  private n = 0;
  private bands = { low: 0, medium: 0, high: 0 };
  private total = 0;

  add(scores: Pick<CustomerScores, "value12m" | "churnRisk">): void {
    const v = Number(scores.value12m);
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = v;
    this.bands[scores.churnRisk]++;
    this.total += v;
  }

  get customers(): number {
    return this.n;
  }

  /**
   * Predicted 12-month value in 10 equal buckets of a round width covering up to the 99th
   * percentile; the last bucket is open-ended (its hi is the highest value).
   */
  build(): PredictionDistribution {
    const values = this.values.slice(0, this.n).sort();
    return { value12m: valueBuckets(values), churnRisk: { ...this.bands }, totalValue12m: Math.round(this.total * 100) / 100 };
  }
}

/** A round bucket width (1, 2 or 5 × a power of ten) for spreading 0…top over about `buckets` buckets. */
export function roundWidth(top: number, buckets: number): number {
  if (!(top > 0)) return 1;
  const raw = top / buckets;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((w) => w >= raw - 1e-12)!;
  return step;
}

const BUCKETS = 10;

/** Buckets of sorted, non-negative values (see DistributionBuilder.build). */
export function valueBuckets(sorted: Float64Array): PredictionDistribution["value12m"] {
  if (sorted.length === 0) return [];
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * (sorted.length - 1)))];
  const max = sorted[sorted.length - 1];
  const width = roundWidth(p99, BUCKETS);
  const count = Math.max(1, Math.min(BUCKETS, Math.ceil(max / width)));
  const buckets = Array.from({ length: count }, (_, i) => ({ lo: i * width, hi: i === count - 1 ? Math.max(max, (i + 1) * width) : (i + 1) * width, customers: 0 }));
  for (const v of sorted) buckets[Math.min(count - 1, Math.floor(v / width))].customers++;
  return buckets;
}
