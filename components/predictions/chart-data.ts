/** The Predictions page's charts, from a stored run's check and distribution. Pure. */
import type { BarDatum } from "@/components/charts/bar-chart";
import type { LineSeries } from "@/components/charts/line-chart";
import { formatCount, formatMoney, formatShare } from "@/lib/format";
import type { PredictionCheck, PredictionDistribution } from "@/lib/predict/schemas";
import type { CumulativePoint } from "./cumulative-chart";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** "2026-01-05" → "5 Jan 2026". */
export function dateLabel(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
}

const decimal = (n: number, digits = 2) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

/**
 * Holdout purchases per customer, predicted against actual, by the number of repeat purchases
 * in calibration ("7+" for the last bucket): the paper's conditional expectations (figure 2).
 * The check stores each bucket's means per customer.
 */
export function frequencyChart(check: NonNullable<PredictionCheck>): { labels: string[]; series: LineSeries[] } {
  const buckets = check.byFrequency;
  const predicted = buckets.map((b) => b.predicted);
  const actual = buckets.map((b) => b.actual);
  return {
    labels: buckets.map((b) => `${b.repeatPurchases}${b.orMore ? "+" : ""}`),
    series: [
      { name: "Actual", values: actual, displays: actual.map((v) => decimal(v)), tone: "slate" },
      { name: "Predicted", values: predicted, displays: predicted.map((v) => decimal(v)), tone: "brand" },
    ],
  };
}

/** The cumulative chart's weeks, on a day axis, and where the calibration ends on it. */
export function cumulativeChart(check: NonNullable<PredictionCheck>): { points: CumulativePoint[]; markerDay: number } {
  return {
    points: check.cumulative.map((c) => ({
      label: dateLabel(c.date),
      day: dayNumber(c.date),
      predicted: c.predicted,
      actual: c.actual,
      predictedDisplay: decimal(c.predicted, 1),
      actualDisplay: formatCount(c.actual),
    })),
    markerDay: dayNumber(check.calibrationEnd),
  };
}

/** The bars of predicted 12-month value: customers per value range, with their share. */
export function valueBars(distribution: PredictionDistribution, currency = "USD"): BarDatum[] {
  const total = distribution.value12m.reduce((s, b) => s + b.customers, 0);
  const money = (v: number) => formatMoney(v, currency, { compact: true });
  return distribution.value12m.map((b) => ({
    label: `${money(b.lo)}–${money(b.hi)}`,
    value: b.customers,
    display: formatCount(b.customers),
    extra: [total > 0 ? formatShare(b.customers / total) : "—"],
  }));
}
