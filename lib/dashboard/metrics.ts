/** Headline numbers of a segment from its sums, exact where money is concerned. Pure. */
import { divideDecimal } from "@/lib/segments/decimal";

/** What the dashboard query sums up for the members and for every customer of the workspace. */
export interface HeadlineSums {
  members: number;
  /** Paid revenue of the members, all time (sum of totalSpent), as a decimal string. */
  revenue: string;
  /** Paid revenue of the members in the last 12 months (null: not computed, as in comparisons). */
  revenue12m: string | null;
  /** Paid orders of the members, all time (sum of ordersCount). */
  orders: number;
  /** Members created in the last 30 days. */
  newMembers: number;
  customers: number;
  allRevenue: string;
  allRevenue12m: string | null;
}

/** The headline numbers a dashboard and a comparison show. */
export interface Headline {
  members: number;
  customers: number;
  /** members / customers (0 without customers). */
  memberShare: number;
  revenue: string;
  /** revenue / all revenue (0 without revenue). */
  revenueShare: number;
  revenue12m: string | null;
  revenue12mShare: number | null;
  orders: number;
  /** revenue / orders, or null without paid orders. */
  averageOrderValue: string | null;
  /** orders / members, or null without members. */
  ordersPerMember: number | null;
  /** revenue / members, or null without members. */
  averageMemberValue: string | null;
  newMembers: number;
}

/** a / b as a number, 0 when b is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** The headline numbers from the sums. */
export function headlineOf(s: HeadlineSums): Headline {
  return {
    members: s.members,
    customers: s.customers,
    memberShare: ratio(s.members, s.customers),
    revenue: s.revenue,
    revenueShare: ratio(Number(s.revenue), Number(s.allRevenue)),
    revenue12m: s.revenue12m,
    revenue12mShare: s.revenue12m === null || s.allRevenue12m === null ? null : ratio(Number(s.revenue12m), Number(s.allRevenue12m)),
    orders: s.orders,
    averageOrderValue: s.orders > 0 ? divideDecimal(s.revenue, s.orders) : null,
    ordersPerMember: s.members > 0 ? Math.round((s.orders / s.members) * 100) / 100 : null,
    averageMemberValue: s.members > 0 ? divideDecimal(s.revenue, s.members) : null,
    newMembers: s.newMembers,
  };
}
