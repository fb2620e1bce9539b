/** Axis label formats the charts accept (functions cannot cross from server to client components). */
import { formatMoney } from "@/lib/format";
import { compactNumber } from "./scale";

export type AxisFormat = "count" | "money";

/** A compact tick label. */
export function formatTick(value: number, format: AxisFormat, currency = "USD"): string {
  return format === "money" ? formatMoney(value, currency, { compact: true }) : compactNumber(value);
}
