/**
 * The dashboard's one statement. The members are evaluated once (a MATERIALIZED CTE over the
 * compiled segment predicate); everything else is grouped aggregates over them:
 * - headline sums over the members, and the workspace's totals (an index-only scan of
 *   ("workspaceId", "totalSpent"));
 * - the breakdowns in one pass (GROUPING SETS over the members);
 * - the members' paid order items of the last 90 days by category (items are the largest table:
 *   a longer window costs seconds at 1,000,000 customers);
 * - the 10 members with the highest paid revenue.
 * Revenue is paid orders only, as the derived totalSpent / ordersCount are. Revenue per month is
 * a statement of its own (monthlyStatement): a query over a CTE runs in one process, and this
 * scan is the largest of the dashboard.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { latestBirthDateForAge } from "@/lib/segments/time";
import { AGE_BANDS } from "./age-bands";
import type { DashboardWindows } from "./windows";

export const TOP_MEMBERS = 10;
export const TOP_CATEGORIES = 10;

/** The age band of c."birthDate" as of today (the engine's whole-year age), NULL without one. */
export function ageBandSql(today: string): Prisma.Sql {
  const bands = [...AGE_BANDS].reverse().filter((b) => b.min > 0);
  const whens = bands.map((b) => Prisma.sql`WHEN c."birthDate" <= ${latestBirthDateForAge(today, b.min)}::date THEN ${b.key}::text`);
  return Prisma.sql`CASE WHEN c."birthDate" IS NULL OR c."birthDate" > ${today}::date THEN NULL::text ${Prisma.join(whens, " ")} ELSE ${AGE_BANDS[0].key}::text END`;
}

/** Inputs of the statement besides the windows. */
export interface DashboardSqlInput {
  workspaceId: string;
  timeZone: string;
  /** The segment's WHERE over "Customer" c (compileWhere: workspace included). */
  where: Prisma.Sql;
  /** The attribute key of the preferred-device custom field, or null when the workspace has none. */
  deviceKey: string | null;
}

/** The statement answering one row: headline, everyone, breakdowns, categories, top (JSON). */
export function dashboardStatement(input: DashboardSqlInput, w: DashboardWindows): Prisma.Sql {
  const ws = Prisma.sql`${input.workspaceId}::uuid`;
  const now = Prisma.sql`${w.now.toISOString()}::timestamptz`;
  const device = input.deviceKey ? Prisma.sql`c."attributes" ->> ${input.deviceKey}::text` : Prisma.sql`NULL::text`;
  return Prisma.sql`
WITH m AS MATERIALIZED (
  SELECT c."id", c."country", c."gender", c."lifecycleStage", c."language", ${device} AS "device", r."segment" AS "rfm",
         p."churnRisk", ${ageBandSql(w.today)} AS "ageBand", c."totalSpent", c."ordersCount", c."createdAt"
  FROM "Customer" c
  -- The stored RFM scores (the RFM page's last computation; none for customers without a paid order).
  LEFT JOIN "CustomerRfm" r ON r."workspaceId" = ${ws} AND r."customerId" = c."id"
  -- The stored predictions (the last prediction refresh; none for customers without a paid order).
  LEFT JOIN "CustomerPrediction" p ON p."workspaceId" = ${ws} AND p."customerId" = c."id"
  WHERE ${input.where}
),
dims AS (
  SELECT CASE WHEN GROUPING("country") = 0 THEN 'country' WHEN GROUPING("gender") = 0 THEN 'gender'
              WHEN GROUPING("ageBand") = 0 THEN 'ageBand' WHEN GROUPING("lifecycleStage") = 0 THEN 'lifecycleStage'
              WHEN GROUPING("language") = 0 THEN 'language' WHEN GROUPING("rfm") = 0 THEN 'rfm'
              WHEN GROUPING("churnRisk") = 0 THEN 'churnRisk' ELSE 'device' END AS "dimension",
         CASE WHEN GROUPING("country") = 0 THEN "country" WHEN GROUPING("gender") = 0 THEN "gender"
              WHEN GROUPING("ageBand") = 0 THEN "ageBand" WHEN GROUPING("lifecycleStage") = 0 THEN "lifecycleStage"
              WHEN GROUPING("language") = 0 THEN "language" WHEN GROUPING("rfm") = 0 THEN "rfm"
              WHEN GROUPING("churnRisk") = 0 THEN "churnRisk" ELSE "device" END AS "key",
         count(*)::int AS "members", sum("totalSpent")::text AS "revenue"
  FROM m GROUP BY GROUPING SETS (("country"), ("gender"), ("ageBand"), ("lifecycleStage"), ("language"), ("rfm"), ("churnRisk"), ("device"))
),
categories AS (
  -- Both OFFSET 0 keep the planner from flattening: first the members' orders of the window,
  -- then each one's items through ("workspaceId", "orderId"), never every item of the workspace.
  SELECT i."category", sum(i."quantity" * i."unitPrice")::text AS "revenue", sum(i."quantity")::int AS "quantity"
  FROM (
    SELECT o."workspaceId", o."id" FROM m
    JOIN "Order" o ON o."workspaceId" = ${ws} AND o."customerId" = m."id" AND o."status" = 'paid'
      AND o."placedAt" >= ${w.categoriesStart.toISOString()}::timestamptz AND o."placedAt" <= ${now}
    OFFSET 0
  ) mo
  CROSS JOIN LATERAL (
    SELECT it."category", it."quantity", it."unitPrice" FROM "OrderItem" it WHERE it."workspaceId" = mo."workspaceId" AND it."orderId" = mo."id" OFFSET 0
  ) i
  WHERE i."category" IS NOT NULL
  GROUP BY 1 ORDER BY sum(i."quantity" * i."unitPrice") DESC, 1 LIMIT ${TOP_CATEGORIES}
),
top AS (
  SELECT m."id", m."totalSpent" FROM m ORDER BY m."totalSpent" DESC, m."id" LIMIT ${TOP_MEMBERS}
)
SELECT
  (SELECT json_build_object('members', count(*)::int, 'revenue', COALESCE(sum("totalSpent"), 0)::text,
          'orders', COALESCE(sum("ordersCount"), 0)::bigint,
          'newMembers', count(*) FILTER (WHERE "createdAt" >= ${w.newSince.toISOString()}::timestamptz AND "createdAt" <= ${now})::int)
     FROM m) AS "headline",
  (SELECT json_build_object('customers', count(*)::int, 'revenue', COALESCE(sum(a."totalSpent"), 0)::text)
     FROM "Customer" a WHERE a."workspaceId" = ${ws}) AS "everyone",
  (SELECT COALESCE(json_agg(d ORDER BY d."dimension", d."members" DESC, d."key"), '[]'::json) FROM dims d) AS "breakdowns",
  (SELECT COALESCE(json_agg(x), '[]'::json) FROM categories x) AS "categories",
  (SELECT COALESCE(json_agg(json_build_object('id', c."id", 'firstName', c."firstName", 'lastName', c."lastName", 'email', c."email",
            'country', c."country", 'ordersCount', c."ordersCount", 'totalSpent', c."totalSpent"::text, 'lastOrderAt', c."lastOrderAt")
            ORDER BY t."totalSpent" DESC, t."id"), '[]'::json)
     FROM top t JOIN "Customer" c ON c."workspaceId" = ${ws} AND c."id" = t."id") AS "top"`;
}

/**
 * Revenue per month for members and for everyone (and so the 12-month revenue of both): one range
 * scan of the workspace's paid orders of the last 12 months, left-joined to the members found by
 * the segment's own WHERE — no CTE, so PostgreSQL may run it with parallel workers.
 */
export function monthlyStatement(input: DashboardSqlInput, w: DashboardWindows): Prisma.Sql {
  const ws = Prisma.sql`${input.workspaceId}::uuid`;
  const now = Prisma.sql`${w.now.toISOString()}::timestamptz`;
  const from = Prisma.sql`${w.last12Start.toISOString()}::timestamptz`;
  const tz = Prisma.sql`${input.timeZone}::text`;
  return Prisma.sql`
SELECT to_char(date_trunc('month', o."placedAt" AT TIME ZONE ${tz}), 'YYYY-MM') AS "month",
       sum(o."total")::text AS "allRevenue", count(*)::int AS "allOrders",
       COALESCE(sum(o."total") FILTER (WHERE m."id" IS NOT NULL), 0)::text AS "memberRevenue",
       count(*) FILTER (WHERE m."id" IS NOT NULL)::int AS "memberOrders"
FROM "Order" o LEFT JOIN (SELECT c."id" FROM "Customer" c WHERE ${input.where}) m ON m."id" = o."customerId"
WHERE o."workspaceId" = ${ws} AND o."status" = 'paid' AND o."placedAt" >= ${from} AND o."placedAt" <= ${now}
GROUP BY 1 ORDER BY 1`;
}
