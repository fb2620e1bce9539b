/**
 * RFM as SQL over "Customer" c, from the derived paid-order stats (ordersCount, totalSpent,
 * lastOrderAt). Pure (Prisma's helpers are passed in); every value is a parameter. Mirrors
 * ./context, in forms that stay cheap per row at 1,000,000 customers:
 * - each score counts the cut points the customer reaches, each comparison on a plain column:
 *   recency days >= t  ⇔  lastOrderAt before the start of day (analysis date − ⌈t⌉ + 1) in the zone;
 *   orders >= t  ⇔  ordersCount >= ⌈t⌉;  total >= t  ⇔  totalSpent >= t as a decimal (t's shortest
 *   round-trip digits; a 2-decimal amount compares the same as its double does);
 * - the segment is looked up in a 125-entry table (every R, F, M combination) built by
 *   assignSegment, so first-match rules are applied by the same code as the evaluator's.
 */
import type { Sql, SqlKit } from "@/lib/segments/operators";
import { addDays, startOfDay } from "@/lib/segments/time";
import type { RfmContext } from "./context";
import { assignSegment } from "./rules";
import { RFM_BINS, RFM_PROBS, type RfmCuts } from "./scoring";

/** The customers RFM scores: those with at least one paid order. */
export function scoredSql(q: SqlKit): Sql {
  return q.sql`(c."ordersCount" > 0 AND c."lastOrderAt" IS NOT NULL)`;
}

/** Days from the last paid order's local date to the analysis date. */
export function recencySql(q: SqlKit, context: Pick<RfmContext, "analysisDate" | "timeZone">): Sql {
  return q.sql`(${context.analysisDate}::date - (c."lastOrderAt" AT TIME ZONE ${context.timeZone})::date)`;
}

const reached = (q: SqlKit, tests: Sql[]) => q.sql`(1 + ${q.join(tests.map((t) => q.sql`(${t})::int`), " + ")})`;

/** The three score expressions (1–5) against the cut points. */
export function scoresSql(q: SqlKit, context: RfmContext & { cuts: RfmCuts }): { r: Sql; f: Sql; m: Sql } {
  const { analysisDate, timeZone, cuts } = context;
  const recencyBefore = cuts.recency.map((t) => new Date(startOfDay(addDays(analysisDate, 1 - Math.ceil(t)), timeZone)).toISOString());
  return {
    r: q.sql`(${RFM_BINS + 1} - ${reached(q, recencyBefore.map((instant) => q.sql`c."lastOrderAt" < ${instant}::timestamptz`))})`,
    f: reached(q, cuts.frequency.map((t) => q.sql`c."ordersCount" >= ${Math.ceil(t)}`)),
    m: reached(q, cuts.monetary.map((t) => q.sql`c."totalSpent" >= ${String(t)}::numeric`)),
  };
}

/** Index of (r, f, m) in the 125-entry segment table, 1-based like SQL arrays. */
export const comboIndex = (r: number, f: number, m: number) => (r - 1) * RFM_BINS * RFM_BINS + (f - 1) * RFM_BINS + m;

/** The segment of every (r, f, m), in comboIndex order. */
export function segmentTable(rules: RfmContext["rules"]): string[] {
  const table: string[] = [];
  for (let r = 1; r <= RFM_BINS; r++) for (let f = 1; f <= RFM_BINS; f++) for (let m = 1; m <= RFM_BINS; m++) table.push(assignSegment({ r, f, m }, rules));
  return table;
}

/** SQL of the comboIndex of score expressions (or columns). */
export function comboIndexSql(q: SqlKit, r: Sql, f: Sql, m: Sql): Sql {
  return q.sql`((${r} - 1) * ${RFM_BINS * RFM_BINS} + (${f} - 1) * ${RFM_BINS} + ${m})`;
}

/** The segment name of score expressions (or columns): a lookup in the rule set's table. */
export function segmentOfScoresSql(q: SqlKit, rules: RfmContext["rules"], r: Sql, f: Sql, m: Sql): Sql {
  return q.sql`(${segmentTable(rules)}::text[])[${comboIndexSql(q, r, f, m)}]`;
}

/** Whether a scored customer's segment is one of the names: their (r, f, m) is one of those segments' combinations. */
export function inSegmentsSql(q: SqlKit, context: RfmContext & { cuts: RfmCuts }, names: readonly string[]): Sql {
  const table = segmentTable(context.rules);
  const indexes = table.flatMap((segment, i) => (names.includes(segment) ? [i + 1] : []));
  if (indexes.length === 0) return q.sql`FALSE`;
  const { r, f, m } = scoresSql(q, context);
  return q.sql`(${scoredSql(q)} AND ${comboIndexSql(q, r, f, m)} = ANY(${indexes}::int[]))`;
}

/** The population's type-7 quantiles (percentile_cont) of the three measures, with count, min and max, in one scan. */
export function quantilesSql(q: SqlKit, workspaceId: string, context: Pick<RfmContext, "analysisDate" | "timeZone">): Sql {
  const probs = q.sql`ARRAY[${q.join(RFM_PROBS.map((p) => q.sql`${p}::float8`))}]`;
  return q.sql`SELECT count(*)::int AS "customers",
      percentile_cont(${probs}) WITHIN GROUP (ORDER BY s."recency") AS "recency",
      percentile_cont(${probs}) WITHIN GROUP (ORDER BY s."frequency") AS "frequency",
      percentile_cont(${probs}) WITHIN GROUP (ORDER BY s."monetary") AS "monetary",
      min(s."recency") AS "minRecency", max(s."recency") AS "maxRecency",
      min(s."frequency") AS "minFrequency", max(s."frequency") AS "maxFrequency",
      min(s."monetary") AS "minMonetary", max(s."monetary") AS "maxMonetary"
    FROM (SELECT ${recencySql(q, context)}::float8 AS "recency", c."ordersCount"::float8 AS "frequency", c."totalSpent"::float8 AS "monetary"
          FROM "Customer" c WHERE c."workspaceId" = ${workspaceId}::uuid AND ${scoredSql(q)}) s`;
}
