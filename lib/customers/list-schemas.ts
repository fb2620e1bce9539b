/**
 * The customer table's view (page, page size, sort, search, columns, segment filter): the strict input schema of
 * listCustomers and exportCustomersCsv, and the lenient parsing of the URL that carries the view.
 * A URL is user-editable and outlives the catalog (a field gets archived, a link gets mangled), so
 * parsing it never fails: anything unknown falls back to the default. The lib functions, called
 * by code, reject unknown keys with a clear error instead. Pure: safe in the browser.
 */
import { z } from "zod";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { segmentIdSchema } from "@/lib/segments/saved-schemas";
import { findListColumn, NAME_COLUMN_KEY } from "./list-columns";

export const LIST_PAGE_SIZES = [25, 50, 100] as const;
export type ListPageSize = (typeof LIST_PAGE_SIZES)[number];
export type SortDirection = "asc" | "desc";

/** Longest quick search, and most search words used (the rest are ignored). */
export const LIST_SEARCH_MAX_LENGTH = 200;
export const LIST_SEARCH_MAX_TERMS = 8;
/** Most columns one view can show. */
export const LIST_MAX_COLUMNS = 60;
/** Highest page number accepted (1,000,000 customers at 25 a page is 40,000 pages). */
export const LIST_MAX_PAGE = 1_000_000;

/** The view a bare /customers URL shows: newest first, these columns after the name. */
export const LIST_DEFAULTS = {
  page: 1,
  pageSize: 25 as ListPageSize,
  sort: "createdAt",
  direction: "desc" as SortDirection,
  search: "",
  columns: ["email", "country", "lifecycleStage", "ordersCount", "totalSpent", "lastOrderAt", "createdAt"] as readonly string[],
};

const keySchema = z.string().min(1).max(200);

/** Only the members of a saved segment, or (exclude) only the customers outside it; evaluated live from its rules. */
export const segmentFilterSchema = z.object({ id: segmentIdSchema, exclude: z.boolean().default(false) });
export type SegmentFilter = z.output<typeof segmentFilterSchema>;
const pageSizeSchema = z.union(LIST_PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]);

/** What listCustomers takes; keys are validated against the catalog afterwards. */
export const listCustomersInputSchema = z.object({
  page: z.number().int().min(1).max(LIST_MAX_PAGE).default(LIST_DEFAULTS.page),
  pageSize: pageSizeSchema.default(LIST_DEFAULTS.pageSize),
  sort: keySchema.default(LIST_DEFAULTS.sort),
  direction: z.enum(["asc", "desc"]).default(LIST_DEFAULTS.direction),
  search: z.string().max(LIST_SEARCH_MAX_LENGTH, `Search for at most ${LIST_SEARCH_MAX_LENGTH} characters.`).default(LIST_DEFAULTS.search),
  columns: z.array(keySchema).max(LIST_MAX_COLUMNS, `Choose at most ${LIST_MAX_COLUMNS} columns.`).default([...LIST_DEFAULTS.columns]),
  segment: segmentFilterSchema.nullable().default(null),
});
export type ListCustomersInput = z.input<typeof listCustomersInputSchema>;
export type ListCustomersQuery = z.output<typeof listCustomersInputSchema>;

/** What an export takes: the view without its page. */
export const exportCustomersInputSchema = listCustomersInputSchema.omit({ page: true, pageSize: true });
export type ExportCustomersInput = z.input<typeof exportCustomersInputSchema>;

/** The table's state as the URL carries it, after validation against the catalog. */
export interface CustomerListView {
  page: number;
  pageSize: ListPageSize;
  sort: string;
  direction: SortDirection;
  search: string;
  /** Chosen columns after the name, in order. */
  columns: string[];
  /** False when the URL named no columns (the defaults apply, or the browser's remembered choice). */
  columnsFromUrl: boolean;
  /** In (or, exclude, not in) this saved segment; null for every customer. The page checks that it exists. */
  segment: SegmentFilter | null;
}

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(first, z.string());

/** The URL's search parameters, parsed without failing: a bad value becomes the default. */
export const listSearchParamsSchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1).max(LIST_MAX_PAGE)).catch(LIST_DEFAULTS.page),
  size: z.preprocess(first, z.coerce.number().pipe(pageSizeSchema)).catch(LIST_DEFAULTS.pageSize),
  sort: text.pipe(keySchema).optional().catch(undefined),
  dir: text.pipe(z.enum(["asc", "desc"])).optional().catch(undefined),
  q: text.transform((q) => q.slice(0, LIST_SEARCH_MAX_LENGTH)).catch(""),
  cols: text.transform((c) => c.split(",").filter(Boolean).slice(0, LIST_MAX_COLUMNS)).optional().catch(undefined),
  segment: text.pipe(segmentIdSchema).transform((id) => id.toLowerCase()).optional().catch(undefined),
  segmentOp: text.pipe(z.enum(["in", "not_in"])).catch("in"),
});

/** Usable column keys, in order, without duplicates or the fixed name column; archived fields dropped. */
export function usableColumns(catalog: FieldCatalog, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const column = findListColumn(catalog, key);
    if (column && !column.archived && key !== NAME_COLUMN_KEY && !out.includes(key)) out.push(key);
  }
  return out;
}

/** The view a URL asks for, resolved against the catalog: unknown columns dropped, an unknown or unsortable sort replaced by the default. */
export function parseListView(params: RawParams | URLSearchParams, catalog: FieldCatalog): CustomerListView {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const parsed = listSearchParamsSchema.parse(raw);
  const sortColumn = parsed.sort ? findListColumn(catalog, parsed.sort) : undefined;
  const sortable = sortColumn !== undefined && sortColumn.sortable && !sortColumn.archived;
  return {
    page: parsed.page,
    pageSize: parsed.size,
    sort: sortable ? sortColumn.key : LIST_DEFAULTS.sort,
    direction: sortable ? (parsed.dir ?? LIST_DEFAULTS.direction) : LIST_DEFAULTS.direction,
    search: parsed.q,
    columns: usableColumns(catalog, parsed.cols ?? LIST_DEFAULTS.columns),
    columnsFromUrl: parsed.cols !== undefined,
    segment: parsed.segment ? { id: parsed.segment, exclude: parsed.segmentOp === "not_in" } : null,
  };
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

/** The URL search string of a view, leaving out what equals the default (so the bare URL is the default view). */
export function listViewSearch(view: Omit<CustomerListView, "columnsFromUrl" | "segment"> & { columnsFromUrl?: boolean; segment?: SegmentFilter | null }): string {
  const params = new URLSearchParams();
  if (view.segment) {
    params.set("segment", view.segment.id);
    if (view.segment.exclude) params.set("segmentOp", "not_in");
  }
  if (view.search) params.set("q", view.search);
  if (view.sort !== LIST_DEFAULTS.sort || view.direction !== LIST_DEFAULTS.direction) {
    params.set("sort", view.sort);
    params.set("dir", view.direction);
  }
  if (view.pageSize !== LIST_DEFAULTS.pageSize) params.set("size", String(view.pageSize));
  if (view.page !== 1) params.set("page", String(view.page));
  if (view.columnsFromUrl || !sameColumns(view.columns, LIST_DEFAULTS.columns)) params.set("cols", view.columns.join(","));
  const search = params.toString();
  return search ? `?${search}` : "";
}
