/**
 * RFM as SQL over "Customer" c, from the derived paid-order stats (ordersCount, totalSpent,
 * lastOrderAt): the measures, the scores against given cut points, and the first-match segment.
 * Pure (Prisma's helpers are passed in); every value is a parameter. Mirrors ./context.
 */
import type { Sql, SqlKit } from "@/lib/segments/operators";
import { OTHERS } from "./rules";
import { RFM_BINS, RFM_PROBS, type RfmCuts } from "./scoring";
import type { RfmContext } from "./context";

/** The customers RFM scores: those with at least one paid order. */
export function scoredSql(q: SqlKit): Sql {
  return q.sql`(c."ordersCount" > 0 AND c."lastOrderAt" IS NOT NULL)`;
}

/** Days from the last paid order's local date to the analysis date. */
export function recencySql(q: SqlKit, context: Pick<RfmContext, "analysisDate" | "timeZone">): Sql {
  return q.sql`(${context.analysisDate}::date - (c."lastOrderAt" AT TIME ZONE ${context.timeZone})::date)`;
}

const binSql = (q: SqlKit, x: Sql, cuts: readonly number[]) =>
  q.sql`(1 + ${q.join(cuts.map((t) => q.sql`(${x} >= ${t}::float8)::int`), " + ")})`;

/** The three score expressions (1–5) against the cut points. */
export function scoresSql(q: SqlKit, context: RfmContext & { cuts: RfmCuts }): { r: Sql; f: Sql; m: Sql } {
  return {
    r: q.sql`(${RFM_BINS + 1} - ${binSql(q, recencySql(q, context), context.cuts.recency)})`,
    f: binSql(q, q.sql`c."ordersCount"`, context.cuts.frequency),
    m: binSql(q, q.sql`c."totalSpent"::float8`, context.cuts.monetary),
  };
}

/** The segment name: the first rule whose three ranges hold, else "Others" (for scored customers). */
export function segmentSql(q: SqlKit, context: RfmContext & { cuts: RfmCuts }): Sql {
  const { r, f, m } = scoresSql(q, context);
  if (context.rules.length === 0) return q.sql`${OTHERS}::text`;
  const whens = context.rules.map((rule) =>
    q.sql`WHEN ${r} BETWEEN ${rule.recency[0]} AND ${rule.recency[1]} AND ${f} BETWEEN ${rule.frequency[0]} AND ${rule.frequency[1]} AND ${m} BETWEEN ${rule.monetary[0]} AND ${rule.monetary[1]} THEN ${rule.name}::text`,
  );
  return q.sql`(CASE ${q.join(whens, " ")} ELSE ${OTHERS}::text END)`;
}

/** The population's type-7 quantiles (percentile_cont) of the three measures, with count, min and max, in one scan. */
export function quantilesSql(q: SqlKit, workspaceId: string, context: Pick<RfmContext, "analysisDate" | "timeZone">): Sql {
  const probs = q.sql`ARRAY[${q.join(RFM_PROBS.map((p) => q.sql`${p}::float8`))}]`;
  return q.sql`SELECT count(*)::int AS "customers",
      percentile_cont(${probs}) WITHIN GROUP (ORDER BY s."recency") AS "recency",
      percentile_cont(${probs}) WITHIN GROUP (ORDER BY s."frequency") AS "frequency",
      percentile_cont(${probs}) WITHIN GROUP (ORDER BY s."monetary") AS "monetary",
      min(s."recency")::float8 AS "minRecency", max(s."recency")::float8 AS "maxRecency",
      min(s."frequency")::float8 AS "minFrequency", max(s."frequency")::float8 AS "maxFrequency",
      min(s."monetary") AS "minMonetary", max(s."monetary") AS "maxMonetary"
    FROM (SELECT ${recencySql(q, context)}::float8 AS "recency", c."ordersCount"::float8 AS "frequency", c."totalSpent"::float8 AS "monetary"
          FROM "Customer" c WHERE c."workspaceId" = ${workspaceId}::uuid AND ${scoredSql(q)}) s`;
}
