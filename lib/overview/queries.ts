import "server-only";
import { getDb } from "@/lib/db/client";
import { localDateOf } from "@/lib/segments/time";

/** What the overview needs of the context: the workspace from the session and its time zone. */
export interface OverviewScope {
  workspaceId: string;
  timeZone: string;
}

export interface WorkspaceOverview {
  customers: number;
  newCustomers30d: number;
  paidOrders: number;
  revenue: string;
  revenue30d: string;
  averageOrderValue: string | null;
  segments: number;
  customFields: number;
  monthlyRevenue: { month: string; revenue: number; orders: number }[];
  /** "YYYY-MM" of the month running now in the workspace's zone (counted to date in monthlyRevenue). */
  currentMonth: string;
  lifecycle: { stage: string; customers: number }[];
  topCountries: { country: string; customers: number }[];
}

/** Headline numbers, revenue by month (in the workspace's time zone) and the customer mix of one workspace. */
export async function getWorkspaceOverview(scope: OverviewScope, now = new Date()): Promise<WorkspaceOverview> {
  const { sql } = await getDb();
  const ws = scope.workspaceId;
  const [totals] = await sql.query<{
    customers: number;
    new_customers: number;
    paid_orders: number;
    revenue: string;
    segments: number;
    custom_fields: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM "Customer" WHERE "workspaceId" = $1) AS customers,
       (SELECT count(*)::int FROM "Customer" WHERE "workspaceId" = $1 AND "createdAt" >= $2::timestamptz - interval '30 days') AS new_customers,
       (SELECT COALESCE(sum("ordersCount"), 0)::int FROM "Customer" WHERE "workspaceId" = $1) AS paid_orders,
       (SELECT COALESCE(sum("totalSpent"), 0)::text FROM "Customer" WHERE "workspaceId" = $1) AS revenue,
       (SELECT count(*)::int FROM "Segment" WHERE "workspaceId" = $1) AS segments,
       (SELECT count(*)::int FROM "CustomField" WHERE "workspaceId" = $1 AND NOT archived) AS custom_fields`,
    [ws, now.toISOString()],
  );
  // Months are calendar months in the workspace's zone: the current one and the eleven before it.
  const monthly = await sql.query<{ month: string; revenue: string; orders: number }>(
    `WITH months AS (
       SELECT generate_series(date_trunc('month', $2::timestamptz AT TIME ZONE $3) - interval '11 months',
                              date_trunc('month', $2::timestamptz AT TIME ZONE $3), interval '1 month') AS month
     )
     SELECT to_char(m.month, 'YYYY-MM') AS month, COALESCE(sum(o.total), 0)::text AS revenue, count(o."id")::int AS orders
     FROM months m
     LEFT JOIN "Order" o ON o."workspaceId" = $1 AND o.status = 'paid'
       AND o."placedAt" >= (m.month AT TIME ZONE $3) AND o."placedAt" < ((m.month + interval '1 month') AT TIME ZONE $3)
       AND o."placedAt" <= $2::timestamptz
     GROUP BY m.month ORDER BY m.month`,
    [ws, now.toISOString(), scope.timeZone],
  );
  const [recent] = await sql.query<{ revenue: string }>(
    `SELECT COALESCE(sum(total), 0)::text AS revenue FROM "Order"
     WHERE "workspaceId" = $1 AND status = 'paid' AND "placedAt" > $2::timestamptz - interval '30 days' AND "placedAt" <= $2::timestamptz`,
    [ws, now.toISOString()],
  );
  const lifecycle = await sql.query<{ stage: string; customers: number }>(
    `SELECT COALESCE("lifecycleStage", 'unknown') AS stage, count(*)::int AS customers FROM "Customer"
     WHERE "workspaceId" = $1 GROUP BY 1 ORDER BY 2 DESC`,
    [ws],
  );
  const topCountries = await sql.query<{ country: string; customers: number }>(
    `SELECT country, count(*)::int AS customers FROM "Customer"
     WHERE "workspaceId" = $1 AND country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 6`,
    [ws],
  );
  const revenue = totals.revenue;
  return {
    customers: totals.customers,
    newCustomers30d: totals.new_customers,
    paidOrders: totals.paid_orders,
    revenue,
    revenue30d: recent.revenue,
    averageOrderValue: totals.paid_orders > 0 ? (Number(revenue) / totals.paid_orders).toFixed(2) : null,
    segments: totals.segments,
    customFields: totals.custom_fields,
    monthlyRevenue: monthly.map((m) => ({ month: m.month, revenue: Number(m.revenue), orders: m.orders })),
    currentMonth: localDateOf(now.getTime(), scope.timeZone).slice(0, 7),
    lifecycle,
    topCountries,
  };
}
