/**
 * Validated, column-wise copies of the models' input rows, grouped by distinct x so that
 * everything depending only on x (log-gammas, digammas) is computed once per x per evaluation.
 */
import type { PurchaseSummary, SpendSummary } from "./types";

/** BG/NBD input: rows with count > 0, x as an index into `xs`. */
export interface PurchaseData {
  xs: Float64Array;
  /** Customers per distinct x. */
  countByX: Float64Array;
  xIndex: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  count: Float64Array;
  /** Customers (sum of counts), repeat buyers among them, and their mean x and T. */
  total: number;
  repeaters: number;
  meanX: number;
  meanT: number;
}

/** Validates and groups purchase summaries; throws a RangeError naming the first bad row. */
export function preparePurchases(rows: readonly PurchaseSummary[]): PurchaseData {
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const { x, tx, T } = rows[i];
    const count = countOf(rows[i].count, i);
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`purchase summary ${i}: x must be a whole number ≥ 0 (got ${x})`);
    if (!(Number.isFinite(T) && T >= 0)) throw new RangeError(`purchase summary ${i}: T must be a finite number ≥ 0 (got ${T})`);
    if (!(Number.isFinite(tx) && tx >= 0 && tx <= T)) throw new RangeError(`purchase summary ${i}: tx must lie between 0 and T = ${T} (got ${tx})`);
    if (count > 0) kept.push(i);
  }
  const { xs, xIndex, countByX } = groupByX(kept.map((i) => rows[i].x), kept.map((i) => countOf(rows[i].count, i)));
  const data: PurchaseData = {
    xs, countByX, xIndex,
    tx: Float64Array.from(kept, (i) => (rows[i].x > 0 ? rows[i].tx : 0)),
    T: Float64Array.from(kept, (i) => rows[i].T),
    count: Float64Array.from(kept, (i) => countOf(rows[i].count, i)),
    total: 0, repeaters: 0, meanX: 0, meanT: 0,
  };
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.count.length; i++) {
    const c = data.count[i];
    const x = xs[xIndex[i]];
    data.total += c;
    if (x > 0) data.repeaters += c;
    sumX += c * x;
    sumT += c * data.T[i];
  }
  if (data.total > 0) {
    data.meanX = sumX / data.total;
    data.meanT = sumT / data.total;
  }
  return data;
}

/** Gamma-Gamma input: the rows with x > 0 and count > 0, ln zbar precomputed. */
export interface SpendData {
  xs: Float64Array;
  countByX: Float64Array;
  /** Σ count·ln zbar per distinct x. */
  lnZByX: Float64Array;
  xIndex: Int32Array;
  zbar: Float64Array;
  count: Float64Array;
  total: number;
  meanZ: number;
}

/** Validates spend summaries and keeps the repeat buyers; throws a RangeError naming the first bad row. */
export function prepareSpend(rows: readonly SpendSummary[]): SpendData {
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const { x, zbar } = rows[i];
    const count = countOf(rows[i].count, i);
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`spend summary ${i}: x must be a whole number ≥ 0 (got ${x})`);
    if (x === 0 || count === 0) continue;
    if (!(Number.isFinite(zbar) && zbar > 0)) throw new RangeError(`spend summary ${i}: zbar must be a positive amount for a repeat buyer (got ${zbar})`);
    kept.push(i);
  }
  const counts = kept.map((i) => countOf(rows[i].count, i));
  const { xs, xIndex, countByX } = groupByX(kept.map((i) => rows[i].x), counts);
  const zbar = Float64Array.from(kept, (i) => rows[i].zbar);
  const count = Float64Array.from(counts);
  const lnZByX = new Float64Array(xs.length);
  let total = 0;
  let sumZ = 0;
  for (let i = 0; i < zbar.length; i++) {
    lnZByX[xIndex[i]] += count[i] * Math.log(zbar[i]);
    total += count[i];
    sumZ += count[i] * zbar[i];
  }
  return { xs, countByX, lnZByX, xIndex, zbar, count, total, meanZ: total > 0 ? sumZ / total : 0 };
}

function countOf(count: number | undefined, i: number): number {
  if (count === undefined) return 1;
  if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`summary ${i}: count must be a finite number ≥ 0 (got ${count})`);
  return count;
}

function groupByX(xValues: readonly number[], counts: readonly number[]): { xs: Float64Array; xIndex: Int32Array; countByX: Float64Array } {
  const indexOf = new Map<number, number>();
  const xs: number[] = [];
  const xIndex = new Int32Array(xValues.length);
  for (let i = 0; i < xValues.length; i++) {
    let k = indexOf.get(xValues[i]);
    if (k === undefined) {
      k = xs.length;
      indexOf.set(xValues[i], k);
      xs.push(xValues[i]);
    }
    xIndex[i] = k;
  }
  const countByX = new Float64Array(xs.length);
  for (let i = 0; i < xValues.length; i++) countByX[xIndex[i]] += counts[i];
  return { xs: Float64Array.from(xs), xIndex, countByX };
}
