/** Axis label formats the charts accept (functions cannot cross from server to client components). */
import { formatMoney } from "@/lib/format";
import { compactNumber } from "./scale";

export type AxisFormat = "count" | "money" | "percent";

/** A compact tick label. Percent values are shares from 0 to 1. */
export function formatTick(value: number, format: AxisFormat, currency = "USD"): string {
  if (format === "percent") return new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: value < 0.1 && value > 0 ? 1 : 0 }).format(value);
  return format === "money" ? formatMoney(value, currency, { compact: true }) : compactNumber(value);
}
