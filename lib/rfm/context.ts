/**
 * What scoring one customer needs besides the customer: the analysis date and zone, the rule set,
 * and the population's cut points. The same context drives the SQL (./sql) and the evaluator
 * (measuresOf / classify), so both give every customer the same scores and segment.
 */
import { localDateOf, type LocalDate } from "@/lib/segments/time";
import { assignSegment, type RfmRule } from "./rules";
import { rfmScore, scoreCustomer, type RfmCuts, type RfmMeasures, type RfmScores } from "./scoring";

/** Everything RFM scoring depends on. */
export interface RfmContext {
  /** Recency is counted in days up to this local date. */
  analysisDate: LocalDate;
  /** The workspace's IANA zone: an order's day is its local date there. */
  timeZone: string;
  rules: readonly RfmRule[];
  /** The population's cut points; null when no customer has a paid order. */
  cuts: RfmCuts | null;
}

/** A scored customer. */
export interface RfmResult extends RfmMeasures, RfmScores {
  score: number;
  segment: string;
}

/** Day number of a local date (days since 1970-01-01). */
export function dayNumber(date: LocalDate): number {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / 86_400_000);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** The part of a customer row RFM reads: the derived stats of paid orders. */
export interface RfmSource {
  ordersCount: number;
  totalSpent: string | number;
  lastOrderAt: Date | null;
}

/** A customer's measures; null without a paid order (such a customer has no RFM scores). */
export function measuresOf(row: RfmSource, analysisDate: LocalDate, timeZone: string): RfmMeasures | null {
  if (row.ordersCount <= 0 || row.lastOrderAt === null) return null;
  return {
    recencyDays: daysBetween(localDateOf(row.lastOrderAt.getTime(), timeZone), analysisDate),
    frequency: row.ordersCount,
    monetary: Number(row.totalSpent),
  };
}

/** Scores and segment of one customer in a context; null when the customer has no paid order. */
export function classify(row: RfmSource, context: RfmContext): RfmResult | null {
  const measures = measuresOf(row, context.analysisDate, context.timeZone);
  if (!measures || !context.cuts) return null;
  const scores = scoreCustomer(measures, context.cuts);
  return { ...measures, ...scores, score: rfmScore(scores), segment: assignSegment(scores, context.rules) };
}
