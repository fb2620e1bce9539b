/** Display helpers of the dashboard. Pure. */
import { formatMoney, formatShare } from "@/lib/format";

/** "Dec 25" for "2025-12". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });
}

/** "29 Nov 2026" for "2026-11-29". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date: x positions of a daily history. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Money or an em dash when there is none. */
export function moneyOrDash(amount: string | null): string {
  return amount === null ? "—" : formatMoney(amount);
}

/** "12.5% of all customers"-style detail; "—" share when the base is empty. */
export function shareOf(share: number | null, of: string): string {
  return share === null ? `share of ${of} not available` : `${formatShare(share)} of ${of}`;
}

/** An instant in the workspace's zone: "29 Nov 2026, 21:40". */
export function instantLabel(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });
}
