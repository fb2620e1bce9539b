/**
 * The SQL of the customer table and its export, built from the field catalog: identifiers come
 * from the catalog (through fieldSql) or from the fixed name and externalId columns, never from
 * input; values, search patterns included, are parameters. Every query is scoped to one workspace.
 *
 * Sort order: empty values count as the lowest (first ascending, last descending, as in MySQL or
 * SQL Server), ties broken by id in the same direction. Reversing the direction therefore reverses
 * the list exactly, which lets deep pages be read from the nearer end, and one B-tree index
 * (workspaceId, column NULLS FIRST, id) serves both directions.
 */
import { findField, type FieldCatalog, type FieldDefinition, type FieldType } from "@/lib/fields/catalog";
import { fieldSql } from "@/lib/fields/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { escapeLike } from "@/lib/segments/text";
import type { LocalDate } from "@/lib/segments/time";
import { findListColumn, NAME_COLUMN_KEY, type ListColumn } from "./list-columns";
import { LIST_SEARCH_MAX_TERMS, type SortDirection } from "./list-schemas";
import { EXTERNAL_ID_KEY } from "./schemas";

/**
 * What quick search looks in: name, email, company and external id, lower-cased, one space apart.
 * The trigram index "Customer_search_trgm_idx" is on exactly this expression (without the alias).
 */
export const SEARCH_DOCUMENT = Prisma.raw(
  `lower(COALESCE(c."firstName", '') || ' ' || COALESCE(c."lastName", '') || ' ' || COALESCE(c."email", '') || ' ' || COALESCE(c."company", '') || ' ' || COALESCE(c."externalId", ''))`,
);

/** One search word: three characters or more match anywhere, shorter ones only where a value (or a word in it) starts. */
export type SearchTerm = { kind: "contains"; pattern: string } | { kind: "wordStart"; pattern: string };

// Shorter than 3 characters a word has no trigram; "starts a word" keeps it indexable (" li" is a trigram).
const MIN_CONTAINS_LENGTH = 3;

function escapeRegex(term: string): string {
  let out = "";
  for (const ch of term) out += /^[A-Za-z0-9]$/.test(ch) ? ch : ch.charCodeAt(0) < 128 ? `\\${ch}` : `[${ch}]`;
  return out;
}

/** The words of a quick search as LIKE / regular expression patterns (literal: %, _ and \ match themselves). */
export function searchTerms(search: string): SearchTerm[] {
  const words = [...new Set(search.trim().split(/\s+/).filter(Boolean))].slice(0, LIST_SEARCH_MAX_TERMS);
  return words.map((word) =>
    [...word].length >= MIN_CONTAINS_LENGTH
      ? { kind: "contains", pattern: `%${escapeLike(word)}%` }
      : { kind: "wordStart", pattern: `(^| )${escapeRegex(word)}` },
  );
}

function termSql(term: SearchTerm): Prisma.Sql {
  // lower() on the server, as in SEARCH_DOCUMENT, so both sides fold case the same way.
  return term.kind === "contains" ? Prisma.sql`${SEARCH_DOCUMENT} LIKE lower(${term.pattern}::text)` : Prisma.sql`${SEARCH_DOCUMENT} ~ lower(${term.pattern}::text)`;
}

type Source = { kind: "name" } | { kind: "externalId" } | { kind: "field"; field: FieldDefinition };

/** A column of a query: what it shows and where its value comes from. */
export interface QueryColumn {
  column: ListColumn;
  source: Source;
}

/** A list or export query, resolved against the catalog. */
export interface ListQuery {
  workspaceId: string;
  columns: QueryColumn[];
  sort: QueryColumn;
  direction: SortDirection;
  terms: SearchTerm[];
  /** Today in the workspace's zone (for age). */
  today: LocalDate;
  /** A compiled segment predicate over c (the segment filter), or none. */
  filter?: Prisma.Sql;
}

function resolveColumn(catalog: FieldCatalog, key: string): QueryColumn {
  const column = findListColumn(catalog, key);
  if (!column) throw new AppError("invalid", `There is no column "${key}" in this workspace's customer table.`);
  if (key === NAME_COLUMN_KEY) return { column, source: { kind: "name" } };
  const field = findField(catalog, key);
  if (field) return { column, source: { kind: "field", field } };
  if (key === EXTERNAL_ID_KEY) return { column, source: { kind: "externalId" } };
  throw new AppError("invalid", `There is no column "${key}" in this workspace's customer table.`);
}

/** Resolves a view (columns in output order) against the catalog; unknown columns and sorting by a list column are AppErrors. */
export function resolveListQuery(
  catalog: FieldCatalog,
  view: { sort: string; direction: SortDirection; search: string; columns: readonly string[] },
  options: { workspaceId: string; today: LocalDate; filter?: Prisma.Sql },
): ListQuery {
  const sort = resolveColumn(catalog, view.sort);
  if (!sort.column.sortable) throw new AppError("invalid", `${sort.column.label} is a list and cannot be sorted by.`);
  const keys = [...new Set(view.columns)];
  return {
    workspaceId: options.workspaceId,
    columns: keys.map((k) => resolveColumn(catalog, k)),
    sort,
    direction: view.direction,
    terms: searchTerms(view.search),
    today: options.today,
    filter: options.filter,
  };
}

const col = (name: string) => Prisma.raw(`c."${name}"`);
const ISO_UTC = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);

/** The value of a column as the table and the CSV want it: text for numbers, money, dates and times (ISO, UTC); boolean; text[] or a JSON list for lists. */
export function outputSql(source: Source, today: LocalDate): Prisma.Sql {
  if (source.kind === "name") {
    return Prisma.sql`COALESCE(NULLIF(btrim(concat_ws(' ', c."firstName", c."lastName")), ''), c."email", c."externalId")`;
  }
  if (source.kind === "externalId") return col("externalId");
  const { field } = source;
  const value = fieldSql(field, today).value;
  const byType: Partial<Record<FieldType, Prisma.Sql>> = {
    number: Prisma.sql`(${value})::text`,
    money: Prisma.sql`(${value})::text`,
    date: field.source.kind === "column" ? Prisma.sql`to_char(${value}, 'YYYY-MM-DD')` : value,
    datetime: Prisma.sql`to_char(${value} AT TIME ZONE 'UTC', ${ISO_UTC})`,
  };
  return byType[field.type] ?? value;
}

/** The expressions a column sorts by, each flagged when it runs against the column's direction (age is a reversed birth date). */
function sortKeys(source: Source, today: LocalDate): { expr: Prisma.Sql; reversed: boolean }[] {
  if (source.kind === "name") return [{ expr: col("lastName"), reversed: false }, { expr: col("firstName"), reversed: false }];
  if (source.kind === "externalId") return [{ expr: col("externalId"), reversed: false }];
  // Older birth date = higher age: the indexable column, not the computed age.
  if (source.field.source.kind === "age") return [{ expr: col("birthDate"), reversed: true }];
  return [{ expr: fieldSql(source.field, today).value, reversed: false }];
}

const flip = (d: SortDirection): SortDirection => (d === "asc" ? "desc" : "asc");

/**
 * Customer columns declared NOT NULL. Their ORDER BY leaves out the NULLS clause: the planner does
 * not use NOT NULL to see that "DESC NULLS LAST" equals plain "DESC", and only the plain form can
 * walk an ordinary (workspaceId, column, id) index backwards. (test/customers-list.test.ts checks the list.)
 */
export const NOT_NULL_SORT_COLUMNS: ReadonlySet<string> = new Set(["createdAt", "totalSpent", "ordersCount", "tags"]);

const isNotNull = (source: Source) => source.kind === "field" && source.field.source.kind === "column" && NOT_NULL_SORT_COLUMNS.has(source.field.source.column);

/** ORDER BY for a sort column: empty values lowest, ties by id; `direction` may be the view's or its reverse. */
export function orderBySql(query: Pick<ListQuery, "sort" | "today">, direction: SortDirection): Prisma.Sql {
  // Empty is lowest in the column's own terms: first when ascending, last when descending.
  const nulls = isNotNull(query.sort.source) ? "" : direction === "asc" ? " NULLS FIRST" : " NULLS LAST";
  const keys = sortKeys(query.sort.source, query.today);
  const parts = keys.map(({ expr, reversed }) => Prisma.sql`${expr} ${Prisma.raw(`${(reversed ? flip(direction) : direction).toUpperCase()}${nulls}`)}`);
  // The id runs with the last key, so one (workspaceId, key…, id) index serves the order forwards or backwards.
  const idDirection = keys[keys.length - 1].reversed ? flip(direction) : direction;
  parts.push(Prisma.sql`c."id" ${Prisma.raw(idDirection.toUpperCase())}`);
  return Prisma.join(parts, ", ");
}

/** The WHERE of a query over `"Customer" c`: the workspace, every search word, and the segment filter. */
export function whereSql(query: Pick<ListQuery, "workspaceId" | "terms" | "filter">): Prisma.Sql {
  const filter = query.filter ? [query.filter] : [];
  return Prisma.join([Prisma.sql`c."workspaceId" = ${query.workspaceId}::uuid`, ...query.terms.map(termSql), ...filter], " AND ");
}

function selectList(query: ListQuery): Prisma.Sql {
  const outputs = query.columns.map((c, i) => Prisma.sql`${outputSql(c.source, query.today)} AS ${Prisma.raw(`"v${i}"`)}`);
  return Prisma.join([Prisma.sql`c."id"::text AS "id"`, ...outputs], ", ");
}

/**
 * One page: the ids are found first over the narrow sort key (an index-only scan when the sort
 * is indexed, so a deep OFFSET skips index entries, not table rows), then the chosen columns of
 * just those rows are read. `reverse` reads the list from its other end.
 */
export function pageSql(query: ListQuery, page: { limit: number; offset: number; reverse?: boolean }): Prisma.Sql {
  const order = orderBySql(query, page.reverse ? flip(query.direction) : query.direction);
  return Prisma.sql`SELECT ${selectList(query)} FROM "Customer" c
    JOIN (SELECT c."id" FROM "Customer" c WHERE ${whereSql(query)} ORDER BY ${order} LIMIT ${page.limit}::int OFFSET ${page.offset}::int) p ON p."id" = c."id"
    WHERE c."workspaceId" = ${query.workspaceId}::uuid
    ORDER BY ${order}`;
}

/** How many customers match; with `cap`, counting stops after cap + 1 (a broad search over a million rows is not counted to the end). */
export function countSql(query: Pick<ListQuery, "workspaceId" | "terms" | "filter">, cap?: number): Prisma.Sql {
  if (cap === undefined) return Prisma.sql`SELECT count(*)::int AS "n" FROM "Customer" c WHERE ${whereSql(query)}`;
  return Prisma.sql`SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Customer" c WHERE ${whereSql(query)} LIMIT ${cap + 1}::int) s`;
}

/** Every matching customer in the view's order (the export reads it through a cursor). */
export function exportSql(query: ListQuery): Prisma.Sql {
  return Prisma.sql`SELECT ${selectList(query)} FROM "Customer" c WHERE ${whereSql(query)} ORDER BY ${orderBySql(query, query.direction)}`;
}
