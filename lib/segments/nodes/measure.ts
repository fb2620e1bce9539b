/**
 * Comparisons of an orders / event measure (count, sum, avg) with a value, shared by the SQL
 * shapes and the evaluator. A customer without counted rows has count 0 and sum 0; avg is then
 * empty and no comparison holds.
 */
import { z } from "zod";
import { compareDecimal, multiplyDecimal, normalizeDecimal, type DecimalInput } from "../decimal";
import { COMPARISONS, comparisonRange, inRange, pointRange, type Comparison, type ComparisonRange, type ValueRange } from "../ranges";
import { betweenOf } from "../values";
import type { Sql, SqlKit } from "../operators";

/** The comparison operators of a measure. */
export const comparisonSchema = z.enum(COMPARISONS, {
  error: `operator must be one of ${COMPARISONS.join(", ")}`,
});

/** A measure value's shape; the node's refinement then checks it against the measure and operator. */
export const measureValueShape = z.union([z.number(), z.tuple([z.number(), z.number()])], {
  error: "value must be a number, or [low, high] for between",
});

/** The value schema of a comparison: one value, or [low, high] for between. */
export function comparisonValueSchema(operator: Comparison, item: z.ZodType<number>): z.ZodType<number | [number, number]> {
  return operator === "between" ? betweenOf(item, (a, b) => a - b) : item;
}

/** The comparison of a node as a range over measured values. */
export function measureRange(operator: Comparison, value: number | [number, number]): ComparisonRange {
  return Array.isArray(value)
    ? comparisonRange(operator, pointRange(value[0]), pointRange(value[1]))
    : comparisonRange(operator, pointRange(value));
}

/** Whether a measured value satisfies the comparison. */
export function measureHolds(cmp: ComparisonRange, measured: DecimalInput): boolean {
  return inRange(measured, cmp.range, compareDecimal) !== cmp.negate;
}

/** Whether an average sum ÷ count satisfies the comparison, exactly (sum compared with bound × count). */
export function averageHolds(cmp: ComparisonRange, sum: DecimalInput, count: number): boolean {
  if (count === 0) return false;
  const scale = (b: ValueRange["lo"]) => b && { value: multiplyDecimal(b.value, count), inclusive: b.inclusive };
  const range: ValueRange = { lo: scale(cmp.range.lo), hi: scale(cmp.range.hi) };
  return inRange(sum, range, compareDecimal) !== cmp.negate;
}

/**
 * How to query a count comparison: "exists" when it holds exactly for counts ≥ 1, "absent" when
 * exactly for 0, else "grouped" (count per customer). Counts and bounds are whole numbers.
 */
export function countShape(cmp: ComparisonRange): "exists" | "absent" | "grouped" {
  const holds = (n: number) => measureHolds(cmp, n);
  if (cmp.negate) return holds(0) ? "grouped" : "exists";
  const { hi } = cmp.range;
  if (!holds(0) && !hi && holds(1)) return "exists";
  if (holds(0) && hi && !holds(1) && compareDecimal(hi.value, 1) <= 0) return "absent";
  return "grouped";
}

/** SQL: left within the comparison's range, with bounds mapped by bound (e.g. × count for averages). */
export function rangeSql(left: Sql, cmp: ComparisonRange, q: SqlKit, bound: (value: Sql) => Sql = (v) => v): Sql {
  const param = (v: string | number) => bound(q.sql`${normalizeDecimal(v)}::numeric`);
  const parts: Sql[] = [];
  const { lo, hi } = cmp.range;
  if (lo) parts.push(q.sql`${left} ${q.raw(lo.inclusive ? ">=" : ">")} ${param(lo.value)}`);
  if (hi) parts.push(q.sql`${left} ${q.raw(hi.inclusive ? "<=" : "<")} ${param(hi.value)}`);
  const inside = parts.length > 0 ? q.sql`(${q.join(parts, " AND ")})` : q.sql`true`;
  return cmp.negate ? q.sql`(NOT ${inside})` : inside;
}

/** How an orders / event condition reads its rows, for measureSql. */
export interface MeasureQuery {
  /** Alias of the row table in `from` ("o" or "e"), which has "workspaceId" and "customerId". */
  alias: "o" | "e";
  /** FROM … WHERE <scope> AND <the node's filters>. */
  from(scope: Sql): Sql;
  /** The node's comparison on the aggregates of one customer's rows (for "grouped"). */
  having: Sql;
  /** Whether a customer without rows satisfies the node. */
  zeroHolds: boolean;
  shape: "exists" | "absent" | "grouped";
  workspaceId: string;
  /** When only these customers are evaluated, grouping reads only their rows. */
  onlyCustomers?: readonly string[];
}

/**
 * The SQL shapes of orders / event conditions: a correlated (NOT) EXISTS on the
 * ("workspaceId", "customerId", …) indexes, or a semi-join (anti-join when customers without
 * rows satisfy the node) against the workspace's rows grouped per customer.
 */
export function measureSql(m: MeasureQuery, q: SqlKit): Sql {
  const t = q.raw(m.alias);
  // The workspace as a parameter (c is already scoped to it): the planner then probes or hashes
  // on "customerId" alone, as a hand-written query would.
  const correlated = m.from(q.sql`${t}."workspaceId" = ${m.workspaceId}::uuid AND ${t}."customerId" = c."id"`);
  if (m.shape === "exists") return q.sql`EXISTS (SELECT 1 ${correlated})`;
  if (m.shape === "absent") return q.sql`(NOT EXISTS (SELECT 1 ${correlated}))`;
  const member = q.sql`EXISTS (SELECT 1 FROM (${groupedSql(m, q, m.zeroHolds ? q.sql`NOT ${m.having}` : m.having)}) m
    WHERE m."customerId" = c."id" AND c."workspaceId" = ${m.workspaceId}::uuid)`;
  return m.zeroHolds ? q.sql`(NOT ${member})` : member;
}

/** The workspace's rows grouped by customer alone (the workspace is fixed: a narrower key than (workspace, customer)). */
function groupedSql(m: MeasureQuery, q: SqlKit, having: Sql): Sql {
  const t = q.raw(m.alias);
  const only = m.onlyCustomers ? q.sql` AND ${t}."customerId" = ANY(${[...m.onlyCustomers]}::uuid[])` : q.sql``;
  return q.sql`SELECT ${t}."customerId" ${m.from(q.sql`${t}."workspaceId" = ${m.workspaceId}::uuid${only}`)} GROUP BY ${t}."customerId" HAVING ${having}`;
}

/**
 * The customers a measure holds for, as a query of distinct "customerId"s over the workspace's
 * rows; null when customers without rows hold too (those are found only from the customer table).
 */
export function measureMembersSql(m: MeasureQuery, q: SqlKit): Sql | null {
  if (m.zeroHolds) return null;
  const t = q.raw(m.alias);
  if (m.shape === "exists") return q.sql`SELECT DISTINCT ${t}."customerId" ${m.from(q.sql`${t}."workspaceId" = ${m.workspaceId}::uuid`)}`;
  return groupedSql(m, q, m.having);
}
