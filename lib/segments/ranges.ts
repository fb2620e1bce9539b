/** Comparisons as ranges of values: one implementation of eq … between for fields and for order/event measures. */
import type { Bound, ValueRange } from "@/lib/fields/catalog";

export type { Bound, ValueRange } from "@/lib/fields/catalog";

/** The comparison operators (number operators of orders and event conditions). */
export const COMPARISONS = ["eq", "neq", "lt", "lte", "gt", "gte", "between"] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** A comparison as a range; negate means "outside the range" (neq). */
export interface ComparisonRange {
  range: ValueRange;
  negate: boolean;
}

const flip = (b: Bound): Bound => ({ value: b.value, inclusive: !b.inclusive });

type Point = Required<ValueRange>;

/** The range op selects, where a value v stands for the range point(v) (a day, for dates against datetimes). */
export function comparisonRange(op: Comparison, low: Point, high: Point = low): ComparisonRange {
  switch (op) {
    case "eq":
      return { range: low, negate: false };
    case "neq":
      return { range: low, negate: true };
    case "lt":
      return { range: { hi: flip(low.lo) }, negate: false };
    case "lte":
      return { range: { hi: low.hi }, negate: false };
    case "gt":
      return { range: { lo: flip(low.hi) }, negate: false };
    case "gte":
      return { range: { lo: low.lo }, negate: false };
    case "between":
      return { range: { lo: low.lo, hi: high.hi }, negate: false };
  }
}

/** Whether x lies in range, with compare ordering the values. */
export function inRange<T extends string | number>(x: T, range: ValueRange, compare: (a: T, b: T) => number): boolean {
  const { lo, hi } = range;
  if (lo) {
    const c = compare(x, lo.value as T);
    if (c < 0 || (c === 0 && !lo.inclusive)) return false;
  }
  if (hi) {
    const c = compare(x, hi.value as T);
    if (c > 0 || (c === 0 && !hi.inclusive)) return false;
  }
  return true;
}

/** A single value as a closed range. */
export function pointRange(value: string | number): Point {
  return { lo: { value, inclusive: true }, hi: { value, inclusive: true } };
}
