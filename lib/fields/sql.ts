/**
 * How a field is reached in SQL over `"Customer" c`, mirroring ./read: identifiers come from
 * the catalog only, values (attribute keys included) are parameters, and every predicate here
 * is two-valued (false, never NULL, for an empty value). Custom attributes are type-guarded so a
 * value of the wrong JSON type reads as empty instead of failing the query.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeDecimal } from "@/lib/segments/decimal";
import { ageMonthDayKey, latestBirthDateForAge, type LocalDate } from "@/lib/segments/time";
import type { FieldDefinition, ValueRange } from "./types";

/** SQL building blocks for one field; each member applies to the field types named on it. */
export interface FieldSql {
  /** The value (NULL when empty; text may also be ''). */
  value: Prisma.Sql;
  /** True when the value is empty (every type). */
  isEmpty: Prisma.Sql;
  /** text, select: the comparison key (lower-cased for text unless stored lower-case). */
  key: Prisma.Sql;
  /** text, select: true when the key is one of keys (already folded for text). */
  keyIn(keys: readonly string[]): Prisma.Sql;
  /** boolean: true when the value is `wanted` (false when empty). */
  is(wanted: boolean): Prisma.Sql;
  /** number, money, date, datetime: true when the value lies in range. */
  within(range: ValueRange): Prisma.Sql;
  /** date: "MM-DD" of the value. */
  monthDay: Prisma.Sql;
  /** multiselect, tags: true when any / all of values are in the list. */
  hasAny(values: readonly string[]): Prisma.Sql;
  hasAll(values: readonly string[]): Prisma.Sql;
}

const col = (name: string) => Prisma.raw(`c."${name}"`);

/** Up to this many values, custom select / multiselect tests are OR-ed jsonb containments (GIN-indexable). */
const CONTAINMENT_LIMIT = 8;

function anyEquals(key: Prisma.Sql, keys: readonly string[]): Prisma.Sql {
  return keys.length === 1 ? Prisma.sql`${key} = ${keys[0]}::text` : Prisma.sql`${key} = ANY(${[...keys]}::text[])`;
}

function literal(field: FieldDefinition, value: string | number, customDate: boolean): Prisma.Sql {
  switch (field.type) {
    case "date":
      return customDate ? Prisma.sql`${String(value)}::text` : Prisma.sql`${String(value)}::date`;
    case "datetime":
      return Prisma.sql`${new Date(value).toISOString()}::timestamptz`;
    default:
      // Integer bounds stay integers for integer columns (within int4), so the column is not cast per row.
      return field.integer && Number.isSafeInteger(Number(value)) && Math.abs(Number(value)) < 2 ** 31
        ? Prisma.sql`${Number(value)}::int`
        : Prisma.sql`${normalizeDecimal(value)}::numeric`;
  }
}

function rangeSql(value: Prisma.Sql, range: ValueRange, toSql: (v: string | number) => Prisma.Sql): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (range.lo) parts.push(Prisma.sql`${value} ${Prisma.raw(range.lo.inclusive ? ">=" : ">")} ${toSql(range.lo.value)}`);
  if (range.hi) parts.push(Prisma.sql`${value} ${Prisma.raw(range.hi.inclusive ? "<=" : "<")} ${toSql(range.hi.value)}`);
  return parts;
}

/** Age range → birth date range: ages are whole numbers, age ≥ n ⇔ birthDate ≤ latestBirthDateForAge(n). */
function ageWithin(range: ValueRange, today: LocalDate): Prisma.Sql {
  const birth = col("birthDate");
  const minAge = range.lo ? (range.lo.inclusive ? Math.ceil(Number(range.lo.value)) : Math.floor(Number(range.lo.value)) + 1) : undefined;
  const maxAge = range.hi ? (range.hi.inclusive ? Math.floor(Number(range.hi.value)) : Math.ceil(Number(range.hi.value)) - 1) : undefined;
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) return Prisma.sql`false`;
  const parts = [Prisma.sql`${birth} IS NOT NULL`];
  if (minAge !== undefined) parts.push(Prisma.sql`${birth} <= ${latestBirthDateForAge(today, minAge)}::date`);
  if (maxAge !== undefined) parts.push(Prisma.sql`${birth} > ${latestBirthDateForAge(today, maxAge + 1)}::date`);
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}

function columnSql(field: FieldDefinition, name: string): FieldSql {
  const value = col(name);
  const guarded = (p: Prisma.Sql) => Prisma.sql`(${value} IS NOT NULL AND ${p})`;
  const isList = field.type === "tags" || field.type === "multiselect";
  const isText = field.type === "text" || field.type === "select";
  const key = field.type === "text" && !field.storedLowerCase ? Prisma.sql`lower(${value})` : value;
  return {
    value,
    isEmpty: isList
      ? Prisma.sql`(${value} IS NULL OR cardinality(${value}) = 0)`
      : isText ? Prisma.sql`(${value} IS NULL OR ${value} = '')` : Prisma.sql`(${value} IS NULL)`,
    key,
    keyIn: (keys) => guarded(field.storedUpperCase ? anyEquals(value, keys.map((k) => k.toUpperCase())) : anyEquals(key, keys)),
    is: (wanted) => Prisma.sql`(${value} IS ${Prisma.raw(wanted ? "TRUE" : "FALSE")})`,
    within: (range) => guarded(Prisma.join([Prisma.sql`true`, ...rangeSql(value, range, (v) => literal(field, v, false))], " AND ")),
    monthDay: Prisma.sql`to_char(${value}, 'MM-DD')`,
    hasAny: (values) => guarded(Prisma.sql`${value} && ${[...values]}::text[]`),
    hasAll: (values) => guarded(Prisma.sql`${value} @> ${[...values]}::text[]`),
  };
}

function attributeSql(field: FieldDefinition, key: string): FieldSql {
  const json = Prisma.sql`c."attributes" -> ${key}::text`;
  const typed = (jsonType: "string" | "number" | "boolean", then: Prisma.Sql) =>
    Prisma.sql`(CASE WHEN jsonb_typeof(${json}) = ${Prisma.raw(`'${jsonType}'`)} THEN ${then} END)`;
  const text = Prisma.sql`(c."attributes" ->> ${key}::text)`;
  const value =
    field.type === "number" ? typed("number", Prisma.sql`(${json})::numeric`)
    : field.type === "boolean" ? typed("boolean", Prisma.sql`(${json})::boolean`)
    : field.type === "multiselect" ? json
    : field.type === "date"
      ? Prisma.sql`(CASE WHEN jsonb_typeof(${json}) = 'string' AND ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${text} END) COLLATE "C"`
      : typed("string", text);
  const isArray = Prisma.sql`jsonb_typeof(${json}) = 'array'`;
  // c.attributes @> {"key": v}: true exactly when the attribute is the JSON value v.
  const contains = (values: readonly unknown[]) =>
    Prisma.sql`(${Prisma.join(values.map((v) => Prisma.sql`c."attributes" @> ${JSON.stringify({ [key]: v })}::jsonb`), " OR ")})`;
  const textKey = field.type === "text" ? Prisma.sql`lower(${value})` : value;
  return {
    value,
    isEmpty:
      field.type === "multiselect" ? Prisma.sql`(CASE WHEN ${isArray} THEN jsonb_array_length(${json}) = 0 ELSE true END)`
      : field.type === "text" || field.type === "select" ? Prisma.sql`(${value} IS NULL OR ${value} = '')`
      : Prisma.sql`(${value} IS NULL)`,
    key: textKey,
    keyIn: (keys) =>
      field.type === "select" && keys.length <= CONTAINMENT_LIMIT ? contains(keys) : Prisma.sql`COALESCE(${anyEquals(textKey, keys)}, false)`,
    is: (wanted) => contains([wanted]),
    within: (range) => {
      const parts = rangeSql(value, range, (v) => literal(field, v, true));
      return parts.length > 0 ? Prisma.sql`COALESCE(${Prisma.join(parts, " AND ")}, false)` : Prisma.sql`(${value} IS NOT NULL)`;
    },
    monthDay: Prisma.sql`substr(${value}, 6, 5)`,
    hasAny: (values) =>
      values.length <= CONTAINMENT_LIMIT
        ? contains(values.map((v) => [v]))
        : Prisma.sql`(CASE WHEN ${isArray} THEN ${json} ?| ${[...values]}::text[] ELSE false END)`,
    hasAll: (values) => contains([values]),
  };
}

/** Prediction columns stored as doubles (rounded to 6 decimals by lib/predict): compared as numeric, exactly as the evaluator's decimals. */
const FLOAT_PREDICTIONS = new Set(["probabilityAlive", "purchases30", "purchases90", "purchases365"]);

/**
 * A column of the customer's stored prediction. Conditions are correlated EXISTS / NOT EXISTS on
 * the primary key ("workspaceId", "customerId"), which the planner turns into semi- and anti-joins
 * (one pass over the table) rather than a lookup per customer; the value itself (table column,
 * sort, export) is a scalar sub-query. No row = empty.
 */
function predictionSql(field: FieldDefinition, column: string): FieldSql {
  const raw = Prisma.raw(`p."${column}"`);
  const compared = FLOAT_PREDICTIONS.has(column) ? Prisma.sql`${raw}::numeric` : raw;
  const row = Prisma.sql`FROM "CustomerPrediction" p WHERE p."workspaceId" = c."workspaceId" AND p."customerId" = c."id"`;
  const exists = (p: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 ${row} AND ${p})`;
  const value = Prisma.sql`(SELECT ${raw} ${row})`;
  return {
    value,
    isEmpty: Prisma.sql`(NOT EXISTS (SELECT 1 ${row}))`,
    key: value,
    keyIn: (keys) => exists(anyEquals(raw, keys)),
    is: (wanted) => Prisma.sql`(${value} IS ${Prisma.raw(wanted ? "TRUE" : "FALSE")})`,
    within: (range) => exists(Prisma.join([Prisma.sql`true`, ...rangeSql(compared, range, (v) => literal(field, v, false))], " AND ")),
    monthDay: Prisma.sql`NULL::text`,
    hasAny: () => Prisma.sql`false`,
    hasAll: () => Prisma.sql`false`,
  };
}

/** The SQL of a field over `"Customer" c`; today (workspace zone) is for age. */
export function fieldSql(field: FieldDefinition, today: LocalDate): FieldSql {
  const source = field.source;
  if (source.kind === "attribute") return attributeSql(field, source.key);
  if (source.kind === "column") return columnSql(field, source.column);
  if (source.kind === "prediction") return predictionSql(field, source.column);
  const birth = col("birthDate");
  // Age as a value (for display or sorting); comparisons go through within() on birthDate ranges.
  const [year, mmdd] = [Number(today.slice(0, 4)), ageMonthDayKey(today)];
  const value = Prisma.sql`(${year}::int - extract(year from ${birth})::int - CASE WHEN to_char(${birth}, 'MM-DD') COLLATE "C" > ${mmdd}::text THEN 1 ELSE 0 END)`;
  return { ...columnSql(field, "birthDate"), value, isEmpty: Prisma.sql`(${birth} IS NULL)`, within: (range) => ageWithin(range, today) };
}
