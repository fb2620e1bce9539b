/** The revenue-per-month chart's numbers: members' revenue, their share of everyone's, and which month is still running. Pure. */
import { formatMoney, formatShare } from "@/lib/format";
import { monthLabel } from "./format";
import type { MonthRevenue } from "./types";
import { monthOf } from "./windows";

export interface RevenueMonths {
  labels: string[];
  memberRevenue: number[];
  memberDisplays: string[];
  /** Members' share of all customers' paid revenue in the month (0 when nobody bought). */
  share: number[];
  shareDisplays: string[];
  allDisplays: string[];
  /** The last month is the current one, counted to date: drawn as "so far", not as a fall. */
  partialLast: boolean;
}

/** The chart series of the months (oldest first) as of today ("YYYY-MM-DD", workspace zone). */
export function revenueMonths(monthly: readonly MonthRevenue[], today: string): RevenueMonths {
  const share = monthly.map((m) => (Number(m.allRevenue) > 0 ? Number(m.memberRevenue) / Number(m.allRevenue) : 0));
  return {
    labels: monthly.map((m) => monthLabel(m.month)),
    memberRevenue: monthly.map((m) => Number(m.memberRevenue)),
    memberDisplays: monthly.map((m) => formatMoney(m.memberRevenue)),
    share,
    shareDisplays: monthly.map((m, i) => (Number(m.allRevenue) > 0 ? formatShare(share[i]) : "—")),
    allDisplays: monthly.map((m) => formatMoney(m.allRevenue)),
    partialLast: monthly.length > 0 && monthly[monthly.length - 1].month === monthOf(today),
  };
}
