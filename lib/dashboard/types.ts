/** What a segment dashboard shows; plain data, safe to pass to client components. */
import type { Headline } from "./metrics";

export type { Headline } from "./metrics";

/** Dimensions of the member breakdowns. */
export type BreakdownDimension = "country" | "gender" | "ageBand" | "lifecycleStage" | "language" | "rfm" | "churnRisk" | "device";

/** One value of a breakdown: members with it and their paid revenue (all time). */
export interface BreakdownRow {
  /** The stored value (null: not set). */
  key: string | null;
  label: string;
  members: number;
  revenue: string;
}

export interface Breakdown {
  dimension: BreakdownDimension;
  title: string;
  rows: BreakdownRow[];
}

/** Paid revenue of one calendar month (workspace time zone). */
export interface MonthRevenue {
  month: string;
  memberRevenue: string;
  memberOrders: number;
  allRevenue: string;
  allOrders: number;
}

/** One product category of the members' paid orders in the last 90 days. */
export interface CategoryRevenue {
  category: string;
  revenue: string;
  quantity: number;
}

/** One of the most valuable members. */
export interface TopMember {
  id: string;
  name: string | null;
  email: string | null;
  country: string | null;
  ordersCount: number;
  totalSpent: string;
  lastOrderAt: string | null;
}

export interface SegmentDashboard {
  headline: Headline;
  monthly: MonthRevenue[];
  breakdowns: Breakdown[];
  categories: CategoryRevenue[];
  topMembers: TopMember[];
  /** ISO instant the numbers were computed at. */
  computedAt: string;
  /** Read from stored members (usable) as of an instant (ISO), or evaluated live (usable false, asOf null). */
  membership: { usable: boolean; asOf: string | null };
  /** The local date (workspace zone) the windows are measured from. */
  today: string;
  /** First instant of the 12-month revenue window (ISO). */
  last12Start: string;
  /** First instant of the top-categories window (ISO). */
  categoriesStart: string;
  /** The local day the top-categories window starts on. */
  categoriesSinceDay: string;
  /** Server time of the computation, ms. */
  elapsedMs: number;
}
