import { createColumnHelper, metaHelper, rowPaginationFeature, rowSortingFeature, tableFeatures, type RowData } from "@tanstack/react-table";

/** Per-column display hints the shell reads. */
export interface DataTableColumnMeta {
  /** "end" right-aligns numbers and money. */
  align?: "start" | "end";
  /** The header as plain text, for the sort button's accessible name. */
  label?: string;
  /** Keep the column in view while the table scrolls sideways (the row's name). */
  sticky?: boolean;
}

/**
 * The features of every server-driven table: sorting and pagination state only. Rows arrive
 * sorted and paginated from the server (manualSorting / manualPagination), so no client row models.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** A column helper bound to the shell's features. */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}
