import "server-only";
import { getDb } from "@/lib/db/client";
import type { SqlDriver } from "@/lib/db/client";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { localDateOf } from "@/lib/segments/time";
import { NAME_COLUMN_KEY, type ListColumn } from "./list-columns";
import { listCustomersInputSchema, type ListCustomersInput } from "./list-schemas";
import { segmentFilterSql } from "./list-segment";
import { countSql, pageSql, resolveListQuery, type ListQuery } from "./list-sql";
import type { CustomersContext } from "./types";

/** A cell value: text (numbers, money and dates as text; times as ISO 8601 UTC), a boolean, a list, or null when empty. */
export type ListValue = string | boolean | string[] | null;

/** One customer row: its id and the value of each shown column by key ("name" always included). */
export interface ListRow {
  id: string;
  values: Record<string, ListValue>;
}

/** One page of the customer table. */
export interface CustomerListPage {
  rows: ListRow[];
  /** The shown columns: the name first, then the chosen ones in order. */
  columns: ListColumn[];
  /** Matching customers; with a search, counted up to searchCountCap (then totalIsExact is false). */
  total: number;
  totalIsExact: boolean;
  hasNextPage: boolean;
}

/** Searches count their matches up to this many: beyond it a broad search would read most of the table just to count. */
export const SEARCH_COUNT_CAP = 10_000;
/** From this offset on, a page in the back half of the list is read from the end (needs the count first). */
export const REVERSE_MIN_OFFSET = 5_000;

export interface ListOptions {
  /** The workspace's catalog, when the caller has it already. */
  catalog?: FieldCatalog;
  /** "Now" for the age column (default: the current time). */
  now?: Date;
  searchCountCap?: number;
  reverseMinOffset?: number;
}

function toValue(column: ListColumn, raw: unknown): ListValue {
  if (raw === null || raw === undefined) return null;
  if (column.type === "tags" || column.type === "multiselect") {
    const items = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
    return items.length > 0 ? items : null;
  }
  if (column.type === "boolean") return typeof raw === "boolean" ? raw : null;
  return typeof raw === "string" ? raw : String(raw);
}

/** Maps the rows of pageSql / exportSql (id, v0 … vn) to ListRows. */
export function toListRows(query: ListQuery, rows: Record<string, unknown>[]): ListRow[] {
  return rows.map((row) => {
    const values: Record<string, ListValue> = {};
    query.columns.forEach((c, i) => {
      values[c.column.key] = toValue(c.column, row[`v${i}`]);
    });
    return { id: String(row.id), values };
  });
}

const run = (sql: SqlDriver, q: Prisma.Sql) => sql.query<Record<string, unknown>>(q.text, q.values);

async function count(sql: SqlDriver, query: ListQuery, cap: number): Promise<{ total: number; exact: boolean }> {
  const capped = query.terms.length > 0;
  const [row] = await run(sql, countSql(query, capped ? cap : undefined));
  const n = Number(row?.n ?? 0);
  return capped && n > cap ? { total: cap, exact: false } : { total: n, exact: true };
}

/**
 * One page of the workspace's customers: the view's search, sort, columns (validated against the
 * catalog: an unknown key is an AppError) and segment filter (a segment of another workspace is
 * AppError("not_found")), the matching total, and whether a next page exists.
 */
export async function listCustomers(ctx: Pick<CustomersContext, "workspaceId" | "timeZone">, input: ListCustomersInput, options: ListOptions = {}): Promise<CustomerListPage> {
  const view = listCustomersInputSchema.parse(input);
  const now = options.now ?? new Date();
  const [catalog, filter] = await Promise.all([
    options.catalog ?? getCatalog(ctx),
    view.segment ? segmentFilterSql(ctx, view.segment, now) : undefined,
  ]);
  const today = localDateOf(now.getTime(), ctx.timeZone);
  const query = resolveListQuery(catalog, { ...view, columns: [NAME_COLUMN_KEY, ...view.columns] }, { workspaceId: ctx.workspaceId, today, filter });
  const { sql } = await getDb();
  const cap = options.searchCountCap ?? SEARCH_COUNT_CAP;
  const offset = (view.page - 1) * view.pageSize;
  const columns = query.columns.map((c) => c.column);

  if (query.terms.length > 0) return searchPage(sql, query, { offset, pageSize: view.pageSize, cap });

  if (offset < (options.reverseMinOffset ?? REVERSE_MIN_OFFSET)) {
    // One extra row tells whether a next page exists even when the total is capped.
    const [rows, counted] = await Promise.all([run(sql, pageSql(query, { limit: view.pageSize + 1, offset })), count(sql, query, cap)]);
    return { rows: toListRows(query, rows.slice(0, view.pageSize)), columns, total: counted.total, totalIsExact: counted.exact, hasNextPage: rows.length > view.pageSize };
  }

  const counted = await count(sql, query, cap);
  const remaining = counted.total - offset;
  let rows: Record<string, unknown>[];
  if (counted.exact && remaining <= 0) rows = [];
  else if (counted.exact && offset > counted.total / 2) {
    // The back half is nearer from the end: skip total − offset − size rows of the reversed order.
    const limit = Math.min(view.pageSize, remaining);
    rows = (await run(sql, pageSql(query, { limit, offset: remaining - limit, reverse: true }))).reverse();
  } else rows = await run(sql, pageSql(query, { limit: view.pageSize + 1, offset }));
  const hasNextPage = counted.exact ? offset + view.pageSize < counted.total : rows.length > view.pageSize;
  return { rows: toListRows(query, rows.slice(0, view.pageSize)), columns, total: counted.total, totalIsExact: counted.exact, hasNextPage };
}

/**
 * A page of a quick search. The planner cannot tell a rare word from a common one, and walking the
 * sort order testing every row finds a page at once when matches are dense but reads all million
 * rows for a word nobody has (seconds). So the matches are counted (up to the cap) through the
 * trigram index only; when there are at most cap of them the page is sorted from those, and only a
 * broad search — at least one customer in a hundred matches — walks the sort order.
 */
async function searchPage(sql: SqlDriver, query: ListQuery, page: { offset: number; pageSize: number; cap: number }): Promise<CustomerListPage> {
  const columns = query.columns.map((c) => c.column);
  return sql.transaction(async (tx) => {
    await tx.query("SET LOCAL enable_seqscan = off");
    await tx.query("SET LOCAL enable_indexscan = off");
    const counted = await count(tx, query, page.cap);
    if (!counted.exact) {
      await tx.query("RESET enable_seqscan");
      await tx.query("RESET enable_indexscan");
    }
    const rows = await run(tx, pageSql(query, { limit: page.pageSize + 1, offset: page.offset }));
    const hasNextPage = counted.exact ? page.offset + page.pageSize < counted.total : rows.length > page.pageSize;
    return { rows: toListRows(query, rows.slice(0, page.pageSize)), columns, total: counted.total, totalIsExact: counted.exact, hasNextPage };
  });
}
