/**
 * Comparison of 2 to 6 saved segments of one workspace in one statement: each segment's members
 * once (stored members when usable, see lib/membership/read; else its rules evaluated live), one boolean column per segment for each customer in any of them, and sizes, sums and
 * every pairwise overlap as count(*) / sum() FILTERs over those columns.
 */
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { segmentMembersWhere } from "@/lib/membership/read";
import type { SegmentScope } from "@/lib/segments/count-prepare";
import { runCounting } from "@/lib/segments/count-run";
import { headlineOf, ratio, type Headline } from "./metrics";
import { DASHBOARD_TIMEOUT_MS, DASHBOARD_WORK_MEM, getDashboardSegment, type DashboardSegment } from "./queries";
import { dashboardWindows } from "./windows";

import { MAX_COMPARED, MIN_COMPARED } from "./compare-limits";

export { MAX_COMPARED, MIN_COMPARED } from "./compare-limits";

/** `?ids=a,b,c`: 2 to 6 distinct segment ids (UUIDs). */
export const compareIdsSchema = z
  .string()
  .transform((text) => [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))])
  .pipe(
    z
      .array(z.uuid({ message: "Each segment id is a UUID." }))
      .min(MIN_COMPARED, `Pick at least ${MIN_COMPARED} segments to compare.`)
      .max(MAX_COMPARED, `Compare at most ${MAX_COMPARED} segments at a time.`),
  );

/** One compared segment with its headline numbers (revenue of the last 12 months is not computed here). */
export interface ComparedSegment {
  id: string;
  name: string;
  headline: Headline;
}

/** Members in both of two segments. */
export interface Overlap {
  a: string;
  b: string;
  both: number;
  /** both / members of a (0 for an empty a). */
  shareOfA: number;
  /** both / members of b. */
  shareOfB: number;
}

export interface SegmentComparison {
  segments: ComparedSegment[];
  overlaps: Overlap[];
  customers: number;
  computedAt: string;
}

const col = (prefix: string, i: number, j?: number) => Prisma.raw(`"${prefix}${i}${j === undefined ? "" : `_${j}`}"`);

/**
 * The comparison statement: each segment's members by its own WHERE (so the planner can use its
 * semi-joins and indexes, as for a count), tagged and grouped per customer into one flag per
 * segment; sizes, sums and pairwise overlaps are FILTERs over the flags, the workspace's totals an
 * index-only scan of ("workspaceId", "totalSpent").
 */
export function comparisonStatement(workspaceId: string, wheres: Prisma.Sql[], newSince: Date, now: Date): Prisma.Sql {
  const tagged = wheres.map((where, i) => Prisma.sql`SELECT c."id", ${i}::int AS "k", c."totalSpent", c."ordersCount", c."createdAt" FROM "Customer" c WHERE ${where}`);
  const flags = wheres.map((_, i) => Prisma.sql`bool_or(u."k" = ${i}::int) AS ${col("s", i)}`);
  const aggregates: Prisma.Sql[] = [];
  wheres.forEach((_, i) => {
    const s = col("s", i);
    aggregates.push(
      Prisma.sql`count(*) FILTER (WHERE ${s})::int AS ${col("m", i)}`,
      Prisma.sql`COALESCE(sum(f."totalSpent") FILTER (WHERE ${s}), 0)::text AS ${col("r", i)}`,
      Prisma.sql`COALESCE(sum(f."ordersCount") FILTER (WHERE ${s}), 0)::bigint AS ${col("o", i)}`,
      Prisma.sql`count(*) FILTER (WHERE ${s} AND f."createdAt" >= ${newSince.toISOString()}::timestamptz AND f."createdAt" <= ${now.toISOString()}::timestamptz)::int AS ${col("n", i)}`,
    );
    for (let j = i + 1; j < wheres.length; j++) aggregates.push(Prisma.sql`count(*) FILTER (WHERE ${s} AND ${col("s", j)})::int AS ${col("b", i, j)}`);
  });
  return Prisma.sql`WITH f AS (
      SELECT u."id", max(u."totalSpent") AS "totalSpent", max(u."ordersCount") AS "ordersCount", max(u."createdAt") AS "createdAt", ${Prisma.join(flags, ", ")}
      FROM (${Prisma.join(tagged, " UNION ALL ")}) u GROUP BY u."id"
    )
    SELECT a."customers", a."revenue", ${Prisma.join(aggregates, ", ")}
    FROM (SELECT count(*)::int AS "customers", COALESCE(sum(x."totalSpent"), 0)::text AS "revenue" FROM "Customer" x WHERE x."workspaceId" = ${workspaceId}::uuid) a
    LEFT JOIN f ON true
    GROUP BY a."customers", a."revenue"`;
}

/** Loads the workspace's segments by id, in the order given; an id of another workspace (or none) is not found. */
export async function getComparedSegments(ctx: { workspaceId: string }, ids: readonly string[]): Promise<DashboardSegment[]> {
  return Promise.all(ids.map((id) => getDashboardSegment(ctx, id)));
}

/** Headline numbers of each segment and the overlap of every pair, from one scan. */
export async function compareSegments(
  scope: SegmentScope,
  segments: readonly DashboardSegment[],
  options: { now?: Date; timeoutMs?: number } = {},
): Promise<SegmentComparison> {
  if (segments.length < MIN_COMPARED || segments.length > MAX_COMPARED) {
    throw new AppError("invalid", `Compare ${MIN_COMPARED} to ${MAX_COMPARED} segments.`);
  }
  const now = options.now ?? new Date();
  const wheres: Prisma.Sql[] = [];
  for (const segment of segments) wheres.push((await segmentMembersWhere(scope, segment, now)).where);
  const w = dashboardWindows(now, scope.timeZone);
  const statement = comparisonStatement(scope.workspaceId, wheres, w.newSince, now);
  const [row] = await runCounting(options.timeoutMs ?? DASHBOARD_TIMEOUT_MS, async (run) => {
    await run({ text: "SELECT set_config('work_mem', $1, true)", values: [DASHBOARD_WORK_MEM] });
    return run<Record<string, string | number>>(statement);
  });
  const num = (key: string) => Number(row[key]);
  const compared = segments.map((segment, i) => ({
    id: segment.id,
    name: segment.name,
    headline: headlineOf({
      members: num(`m${i}`),
      revenue: String(row[`r${i}`]),
      revenue12m: null,
      orders: num(`o${i}`),
      newMembers: num(`n${i}`),
      customers: num("customers"),
      allRevenue: String(row.revenue),
      allRevenue12m: null,
    }),
  }));
  const overlaps: Overlap[] = [];
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const both = num(`b${i}_${j}`);
      overlaps.push({ a: segments[i].id, b: segments[j].id, both, shareOfA: ratio(both, num(`m${i}`)), shareOfB: ratio(both, num(`m${j}`)) });
    }
  }
  return { segments: compared, overlaps, customers: num("customers"), computedAt: now.toISOString() };
}
