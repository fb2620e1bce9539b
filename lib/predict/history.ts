/**
 * Whether a workspace has enough history for predictions, and how much of it the check holds out.
 * Pure. The thresholds are in docs/decisions/018-predictions.md.
 */
import { daysBetween } from "@/lib/rfm/context";
import { addDays, type LocalDate } from "@/lib/segments/time";

/** At least this many customers with a paid order: fewer cannot pin down four parameters. */
export const MIN_CUSTOMERS = 50;
/** At least this many customers who bought on two different days: repeat buying is what BG/NBD learns from (and Gamma-Gamma fits on them alone). */
export const MIN_REPEATERS = 10;
/** At least this many days from the first purchase to the date the predictions are for. */
export const MIN_HISTORY_DAYS = 56;

/** The check's holdout: a third of the observed span in whole weeks, at least 4 weeks, at most 52. */
export const MIN_HOLDOUT_DAYS = 28;
export const MAX_HOLDOUT_DAYS = 364;

/** What the summary says about the history up to a date. */
export interface HistoryFacts {
  customers: number;
  repeaters: number;
  /** The earliest first purchase day; null without any. */
  firstDay: LocalDate | null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What is missing for predictions as of asOf, in words (one sentence per shortfall); null when nothing is. */
export function missingHistory(facts: HistoryFacts, asOf: LocalDate): string | null {
  const problems: string[] = [];
  if (facts.customers < MIN_CUSTOMERS) {
    problems.push(`Predictions need at least ${MIN_CUSTOMERS} customers with a paid order; this workspace has ${facts.customers.toLocaleString("en-US")}.`);
  }
  if (facts.repeaters < MIN_REPEATERS) {
    problems.push(`Predictions need at least ${MIN_REPEATERS} customers who bought on two different days; this workspace has ${facts.repeaters.toLocaleString("en-US")}.`);
  }
  const span = facts.firstDay ? daysBetween(facts.firstDay, asOf) : 0;
  if (span < MIN_HISTORY_DAYS) {
    const have = facts.firstDay ? `the first paid order is from ${facts.firstDay}, ${plural(span, "day", "days")} before ${asOf}` : "there is no paid order yet";
    problems.push(`Predictions need at least ${MIN_HISTORY_DAYS / 7} weeks of purchase history; ${have}.`);
  }
  return problems.length > 0 ? problems.join(" ") : null;
}

/** The check's periods: calibration up to calibrationEnd, holdout (calibrationEnd, holdoutEnd]; or why there is none. */
export type HoldoutPlan =
  | { ok: true; calibrationEnd: LocalDate; holdoutEnd: LocalDate; holdoutDays: number }
  | { ok: false; reason: string };

/**
 * The holdout for a check as of asOf: a third of the span since the first purchase, in whole
 * weeks, capped at 52 weeks; the span must allow at least 4 weeks of holdout after twice that of
 * calibration.
 */
export function planHoldout(firstDay: LocalDate | null, asOf: LocalDate): HoldoutPlan {
  const span = firstDay ? daysBetween(firstDay, asOf) : 0;
  const weeks = Math.floor(span / 3 / 7);
  const holdoutDays = Math.min(weeks * 7, MAX_HOLDOUT_DAYS);
  if (holdoutDays < MIN_HOLDOUT_DAYS) {
    return { ok: false, reason: `The expected-vs-actual check needs at least ${(3 * MIN_HOLDOUT_DAYS) / 7} weeks of purchase history (4 weeks held out after 8 to fit on); this workspace has ${plural(span, "day", "days")}.` };
  }
  return { ok: true, calibrationEnd: addDays(asOf, -holdoutDays), holdoutEnd: asOf, holdoutDays };
}
