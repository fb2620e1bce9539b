/**
 * The event node: how many times the customer had an event (by exact name) in a window, counting
 * only events whose properties pass every filter. A filter on a missing (or null) property is
 * false; values compare by JSON type (strings ignoring case, numbers exactly, booleans).
 */
import { z } from "zod";
import { compareDecimal } from "../decimal";
import { LIMITS } from "../limits";
import type { Sql, SqlKit } from "../operators";
import type { CustomerRecord, EventRecord } from "../record";
import { foldCase, likePattern } from "../text";
import { countValue, definitionString, numberValue, textValue } from "../values";
import type { EvalEnv, SqlEnv } from "./env";
import { comparisonSchema, comparisonValueSchema, countShape, measureHolds, measureMembersSql, measureRange, measureSql, measureValueShape, rangeSql, type MeasureQuery } from "./measure";
import { inWindow, windowRange, windowSchema, windowSql } from "./window";

const PROPERTY_OPERATORS = ["eq", "neq", "contains", "lt", "lte", "gt", "gte"] as const;
type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

const propertyFilterSchema = z
  .strictObject({
    property: definitionString.min(1, "property must not be empty"),
    operator: z.enum(PROPERTY_OPERATORS, { error: `operator must be one of ${PROPERTY_OPERATORS.join(", ")}` }),
    value: z.union([definitionString, numberValue, z.boolean()], { error: "value must be a string, a number or a boolean" }),
  })
  .superRefine((f, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    if (f.operator === "contains" && !textValue.safeParse(f.value).success) issue("contains needs a non-empty string");
    if (["lt", "lte", "gt", "gte"].includes(f.operator) && typeof f.value !== "number") issue(`${f.operator} needs a number`);
  });
type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** An event condition as written. */
export const eventNodeSchema = z
  .strictObject({
    type: z.literal("event"),
    name: definitionString.min(1, "name must not be empty"),
    operator: comparisonSchema,
    value: measureValueShape,
    window: windowSchema.optional(),
    where: z.array(propertyFilterSchema, { error: "where must be a list of property filters" })
      .max(LIMITS.where, `where holds at most ${LIMITS.where} property filters`).optional(),
  })
  .superRefine((node, ctx) => {
    const parsed = comparisonValueSchema(node.operator, countValue).safeParse(node.value);
    if (!parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["value", ...i.path], message: i.message });
  });
export type EventNode = z.infer<typeof eventNodeSchema>;

const ORDER_SQL: Record<Exclude<PropertyOperator, "eq" | "neq" | "contains">, string> = { lt: "<", lte: "<=", gt: ">", gte: ">=" };

function propertySql(f: PropertyFilter, q: SqlKit): Sql {
  const json = q.sql`e."properties" -> ${f.property}::text`;
  const text = q.sql`lower(e."properties" ->> ${f.property}::text)`;
  const when = (type: string, then: Sql) => q.sql`(CASE WHEN jsonb_typeof(${json}) = ${q.raw(`'${type}'`)} THEN ${then} ELSE false END)`;
  const v = f.value;
  const equal =
    typeof v === "string" ? when("string", q.sql`${text} = ${foldCase(v)}::text`)
    : typeof v === "number" ? when("number", q.sql`(${json})::numeric = ${String(v)}::numeric`)
    : when("boolean", q.sql`(${json})::boolean = ${v}::boolean`);
  switch (f.operator) {
    case "eq":
      return equal;
    case "neq":
      return q.sql`(CASE WHEN jsonb_typeof(${json}) IS NULL OR jsonb_typeof(${json}) = 'null' THEN false ELSE NOT ${equal} END)`;
    case "contains":
      return when("string", q.sql`${text} LIKE ${likePattern(foldCase(String(v)), "contains")}::text`);
    default:
      return when("number", q.sql`(${json})::numeric ${q.raw(ORDER_SQL[f.operator])} ${String(v)}::numeric`);
  }
}

function propertyHolds(f: PropertyFilter, event: EventRecord): boolean {
  const p = Object.hasOwn(event.properties, f.property) ? event.properties[f.property] : undefined;
  if (p === undefined || p === null) return false;
  const v = f.value;
  const equal =
    typeof v === "string" ? typeof p === "string" && foldCase(p) === foldCase(v)
    : typeof v === "number" ? typeof p === "number" && compareDecimal(p, v) === 0
    : p === v;
  switch (f.operator) {
    case "eq":
      return equal;
    case "neq":
      return !equal;
    case "contains":
      return typeof p === "string" && foldCase(p).includes(foldCase(String(v)));
    default: {
      if (typeof p !== "number" || typeof v !== "number") return false;
      const c = compareDecimal(p, v);
      return f.operator === "lt" ? c < 0 : f.operator === "lte" ? c <= 0 : f.operator === "gt" ? c > 0 : c >= 0;
    }
  }
}

function eventQuery(node: EventNode, env: SqlEnv): MeasureQuery {
  const { q } = env;
  const cmp = measureRange(node.operator, node.value);
  const filters = [
    q.sql`e."name" = ${node.name}::text`,
    ...windowSql(q.sql`e."occurredAt"`, windowRange(node.window, env.clock), q),
    ...(node.where ?? []).map((f) => propertySql(f, q)),
  ];
  return {
    alias: "e",
    from: (scope: Sql) => q.sql`FROM "Event" e WHERE ${scope} AND ${q.join(filters, " AND ")}`,
    having: rangeSql(q.sql`count(*)`, cmp, q),
    zeroHolds: measureHolds(cmp, 0),
    shape: countShape(cmp),
    workspaceId: env.workspaceId,
    onlyCustomers: env.onlyCustomers,
  };
}

/** The node as a two-valued SQL predicate over "Customer" c. */
export function eventNodeSql(node: EventNode, env: SqlEnv): Sql {
  return measureSql(eventQuery(node, env), env.q);
}

/** The node's members as distinct "customerId"s from the events alone, or null (see measureMembersSql). */
export function eventMembersSql(node: EventNode, env: SqlEnv): Sql | null {
  return measureMembersSql(eventQuery(node, env), env.q);
}

/** The node's result for one customer, with the number of matching events. */
export function evaluateEventNode(node: EventNode, record: CustomerRecord, env: EvalEnv): { result: boolean; measured: number } {
  const cmp = measureRange(node.operator, node.value);
  const range = windowRange(node.window, env.clock);
  const where = node.where ?? [];
  const count = record.events.filter(
    (e) => e.name === node.name && inWindow(e.occurredAt.getTime(), range) && where.every((f) => propertyHolds(f, e)),
  ).length;
  return { result: measureHolds(cmp, count), measured: count };
}
