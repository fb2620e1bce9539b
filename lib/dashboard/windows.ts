/**
 * The time windows of a dashboard, in the workspace's time zone, from one "now". Pure.
 * - revenue in the last 12 months: paid orders from the start of the day 12 calendar months before
 *   today up to now (the segment format's `in_last 12 months`);
 * - revenue per month: the current calendar month (to date) and the 11 before it;
 * - top categories: paid order items from the start of the day 90 days before today up to now;
 * - new members: customers created from the start of the day 30 days before today up to now.
 */
import { addDays, addMonths, localDateOf, startOfDay, type LocalDate } from "@/lib/segments/time";

export const CHART_MONTHS = 12;
export const NEW_MEMBER_DAYS = 30;
export const CATEGORY_DAYS = 90;

export interface DashboardWindows {
  now: Date;
  today: LocalDate;
  /** First instant of the 12-month revenue window. */
  last12Start: Date;
  /** First instant of the top-categories window, and its local day. */
  categoriesStart: Date;
  categoriesSinceDay: LocalDate;
  /** First instant of the new-members window. */
  newSince: Date;
  /** "YYYY-MM" of the chart's months, oldest first; the last one is the current month. */
  months: string[];
}

/** The month key ("YYYY-MM") of a local date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** The windows of a dashboard computed at now in timeZone. */
export function dashboardWindows(now: Date, timeZone: string): DashboardWindows {
  const today = localDateOf(now.getTime(), timeZone);
  const firstOfMonth = `${monthOf(today)}-01`;
  const months = Array.from({ length: CHART_MONTHS }, (_, i) => monthOf(addMonths(firstOfMonth, i - (CHART_MONTHS - 1))));
  return {
    now,
    today,
    last12Start: new Date(startOfDay(addMonths(today, -12), timeZone)),
    categoriesStart: new Date(startOfDay(addDays(today, -CATEGORY_DAYS), timeZone)),
    categoriesSinceDay: addDays(today, -CATEGORY_DAYS),
    newSince: new Date(startOfDay(addDays(today, -NEW_MEMBER_DAYS), timeZone)),
    months,
  };
}
