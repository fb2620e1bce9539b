/**
 * The workspace's own values with how many customers have each, for the builder's value picker and
 * its "no customer has …" warning: a field's values (text, select, tags, custom options), event
 * names, an event property's values, order item categories. Scoped by workspace, parameterized, LIMITed.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findField, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import { nearest } from "@/lib/fields/value-codes";
import { valueLabelWithCode } from "@/lib/fields/value-labels";
import { getCatalog } from "@/lib/fields/queries";
import { fieldSql } from "@/lib/fields/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { walkNodes, type SegmentDefinition } from "./schema";
import { foldCase, likePattern } from "./text";
import { localDateOf } from "./time";
import type { ValueCount, ValueSource } from "./value-schemas";

export type { ValueCount } from "./value-schemas";

/** At most this many values come back; the picker searches the server beyond them. */
export const VALUE_LIMIT = 200;

const PICKABLE: ReadonlySet<FieldDefinition["type"]> = new Set(["text", "select", "multiselect", "tags"]);

type Scope = { workspaceId: string; timeZone: string };

/** The SQL of one source: every (value, customer) pair, as `v` and `cid`, of the workspace. */
function pairs(ctx: Scope, source: ValueSource, field: FieldDefinition | undefined): Prisma.Sql {
  const ws = Prisma.sql`${ctx.workspaceId}::uuid`;
  if (source.kind === "event") return Prisma.sql`SELECT e."name" AS v, e."customerId" AS cid FROM "Event" e WHERE e."workspaceId" = ${ws}`;
  if (source.kind === "category") {
    return Prisma.sql`SELECT i."category" AS v, o."customerId" AS cid FROM "OrderItem" i JOIN "Order" o ON o."workspaceId" = i."workspaceId" AND o."id" = i."orderId"
      WHERE i."workspaceId" = ${ws} AND i."category" IS NOT NULL`;
  }
  if (source.kind === "eventProperty") {
    const value = Prisma.sql`(e."properties" ->> ${source.property}::text)`;
    const name = source.event ? Prisma.sql`AND e."name" = ${source.event}::text` : Prisma.empty;
    return Prisma.sql`SELECT ${value} AS v, e."customerId" AS cid FROM "Event" e
      WHERE e."workspaceId" = ${ws} ${name} AND jsonb_typeof(e."properties" -> ${source.property}::text) IN ('string', 'number', 'boolean')`;
  }
  const f = fieldSql(field!, localDateOf(Date.now(), ctx.timeZone));
  if (field!.type === "tags") return Prisma.sql`SELECT t AS v, c."id" AS cid FROM "Customer" c, unnest(c."tags") t WHERE c."workspaceId" = ${ws}`;
  if (field!.type === "multiselect") {
    const list = Prisma.sql`(CASE WHEN jsonb_typeof(${f.value}) = 'array' THEN ${f.value} ELSE '[]'::jsonb END)`;
    return Prisma.sql`SELECT t AS v, c."id" AS cid FROM "Customer" c, jsonb_array_elements_text(${list}) t WHERE c."workspaceId" = ${ws}`;
  }
  return Prisma.sql`SELECT ${f.value} AS v, c."id" AS cid FROM "Customer" c WHERE c."workspaceId" = ${ws} AND ${f.value} IS NOT NULL AND ${f.value} <> ''`;
}

// Customer values are one row per customer, so count(*) is the number of customers; events and items repeat a customer.
const counted = (source: ValueSource) => (source.kind === "field" ? Prisma.sql`count(*)` : Prisma.sql`count(DISTINCT p.cid)`);

async function resolveField(ctx: Scope, source: ValueSource): Promise<FieldDefinition | undefined> {
  if (source.kind !== "field") return undefined;
  const field = findField(await getCatalog(ctx), source.field);
  if (!field || !PICKABLE.has(field.type)) throw new AppError("invalid", "This field has no list of values to pick from.");
  return field;
}

async function run(sql: Prisma.Sql): Promise<ValueCount[]> {
  const { sql: driver } = await getDb();
  const rows = await driver.query<{ v: string; n: number }>(sql.text, sql.values);
  return rows.map((r) => ({ value: String(r.v), count: Number(r.n) }));
}

/**
 * The most common values of a source, most customers first (ties by value), at most `limit`.
 * `search` keeps values containing it (ignoring case); coded fields (country, language) are searched
 * by name in the picker, so they come back whole (a few hundred at most).
 */
export async function listValues(ctx: Scope, source: ValueSource, options: { search?: string; limit?: number } = {}): Promise<ValueCount[]> {
  const field = await resolveField(ctx, source);
  const limit = Math.min(options.limit ?? VALUE_LIMIT, VALUE_LIMIT);
  const search = options.search?.trim() ? Prisma.sql`AND lower(p.v) LIKE ${likePattern(options.search.trim().toLowerCase(), "contains")}::text` : Prisma.empty;
  return run(Prisma.sql`SELECT p.v AS v, ${counted(source)}::int AS n FROM (${pairs(ctx, source, field)}) p
    WHERE p.v IS NOT NULL ${search} GROUP BY p.v ORDER BY n DESC, p.v LIMIT ${limit}::int`);
}

/**
 * Which of `values` no customer has, compared as the engine compares them (text and tags ignore
 * case; option keys and event names are exact). One index probe per value where an index serves.
 */
export async function missingValues(ctx: Scope, source: ValueSource, values: readonly string[]): Promise<string[]> {
  const field = await resolveField(ctx, source);
  const wanted = [...new Set(values)].slice(0, VALUE_LIMIT);
  if (wanted.length === 0) return [];
  // Country codes are stored upper-case: comparing the column itself lets the (workspaceId, country) index answer.
  const upper = field?.storedUpperCase === true;
  const folds = !upper && (field ? field.type === "text" || field.type === "tags" : source.kind === "eventProperty");
  const fold = (v: string) => (upper ? v.toUpperCase() : folds ? foldCase(v) : v);
  const key = folds ? Prisma.sql`lower(p.v)` : Prisma.sql`p.v`;
  const rows = await run(Prisma.sql`SELECT k AS v, 0 AS n FROM unnest(${wanted.map(fold)}::text[]) k
    WHERE NOT EXISTS (SELECT 1 FROM (${pairs(ctx, source, field)}) p WHERE ${key} = k)`);
  const missing = new Set(rows.map((r) => r.value));
  return wanted.filter((v) => missing.has(fold(v)));
}

// Operators whose values are whole stored values (a pattern such as contains "kra" is not one).
const WHOLE_VALUE = new Set(["eq", "neq", "in", "not_in", "has_any", "has_all", "has_none"]);
const PERSONAL = new Set(["email", "firstName", "lastName", "phone"]);

/**
 * Conditions of a parsed definition that name a value no customer has (field values and event
 * names), each with the closest value the workspace does have: the command line prints them so a
 * typo never passes as a silent zero.
 */
export async function unmatchedValues(ctx: Scope, definition: SegmentDefinition, catalog: FieldCatalog): Promise<{ path: string; message: string }[]> {
  const checks: { path: string; source: ValueSource; what: string; values: string[]; labelOf(v: string): string }[] = [];
  walkNodes(definition.root, "root", (node, path) => {
    if (node.type === "event") checks.push({ path, source: { kind: "event" }, what: "event", values: [node.name], labelOf: (v) => v });
    if (node.type !== "field" || !WHOLE_VALUE.has(node.operator) || PERSONAL.has(node.field)) return;
    const field = findField(catalog, node.field);
    if (!field || (field.type !== "text" && field.type !== "tags")) return;
    const values = (Array.isArray(node.value) ? node.value : [node.value]).filter((v): v is string => typeof v === "string");
    checks.push({ path, source: { kind: "field", field: field.key }, what: field.label.toLowerCase(), values, labelOf: (v) => valueLabelWithCode(field, v) });
  });
  const out: { path: string; message: string }[] = [];
  for (const check of checks) {
    const missing = await missingValues(ctx, check.source, check.values);
    if (missing.length === 0) continue;
    const known = (await listValues(ctx, check.source)).map((k) => ({ name: check.labelOf(k.value), value: k.value }));
    for (const value of missing) {
      const near = nearest(value, known.flatMap((k) => [k, { name: k.value, value: k.value }]));
      out.push({ path: check.path, message: `No customer has ${check.what} ${JSON.stringify(value)}${near ? ` — did you mean ${check.labelOf(near.value)}?` : ""}` });
    }
  }
  return out;
}
