"use client";

import { functionalUpdate, useTable, type PaginationState, type SortingState, type TableOptions } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { DataTablePagination, type PageCount } from "./data-table-pagination";
import { SortHeader } from "./sort-header";
import { dataTableFeatures, type DataTableFeatures } from "./features";

export interface DataTableProps<TData extends { id: string }> {
  /** Names the table for screen readers. */
  caption: string;
  columns: TableOptions<DataTableFeatures, TData>["columns"];
  /** The current page's rows, already sorted by the server. */
  data: TData[];
  sorting: SortingState;
  onSortingChange: (next: SortingState) => void;
  pagination: PaginationState;
  onPaginationChange: (next: PaginationState) => void;
  pageSizes: readonly number[];
  count: PageCount;
  /** Where a row leads: clicking it or pressing Enter on it goes there. */
  getRowHref?: (row: TData) => string;
  /** A navigation is in flight: the rows shown are about to change. */
  pending?: boolean;
  /** Shown in place of rows when the page is empty. */
  empty?: React.ReactNode;
  /** A column to bring into view (scrolled to and briefly highlighted) as soon as it is there, e.g. one just added. */
  revealColumn?: string | null;
  /** Called once revealColumn has been shown. */
  onRevealed?: () => void;
}

// Clicks on the row's own controls (the name link, a button) do their own thing.
const INTERACTIVE = "a, button, input, select, textarea, label, [role='button']";

/**
 * A server-driven table on @tanstack/react-table v9: sorting and pagination are controlled state
 * owned by the caller (the URL), rows arrive sorted and paginated, and a row can open a page.
 */
export function DataTable<TData extends { id: string }>({
  caption,
  columns,
  data,
  sorting,
  onSortingChange,
  pagination,
  onPaginationChange,
  pageSizes,
  count,
  getRowHref,
  pending = false,
  empty,
  revealColumn,
  onRevealed,
}: DataTableProps<TData>) {
  const router = useRouter();
  const scroller = useRef<HTMLDivElement>(null);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => row.id,
    state: { sorting, pagination },
    onSortingChange: (updater) => onSortingChange(functionalUpdate(updater, sorting)),
    onPaginationChange: (updater) => onPaginationChange(functionalUpdate(updater, pagination)),
    manualSorting: true,
    manualPagination: true,
    rowCount: count.total,
    enableMultiSort: false,
    enableSortingRemoval: false,
  });

  const open = (row: TData, newTab: boolean) => {
    const href = getRowHref?.(row);
    if (!href) return;
    if (newTab) window.open(href, "_blank", "noopener");
    else router.push(href);
  };

  const onRowClick = (event: React.MouseEvent<HTMLTableRowElement>, row: TData) => {
    if ((event.target as HTMLElement).closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return; // selecting text to copy is not a click to open
    open(row, event.metaKey || event.ctrlKey);
  };

  // One tab stop for all rows (the first); arrow keys move between rows, Enter opens.
  const onRowKeyDown = (event: React.KeyboardEvent<HTMLTableRowElement>, row: TData) => {
    if (event.target !== event.currentTarget) return;
    const rowElement = event.currentTarget;
    const target =
      event.key === "ArrowDown" ? rowElement.nextElementSibling
      : event.key === "ArrowUp" ? rowElement.previousElementSibling
      : event.key === "Home" ? rowElement.parentElement?.firstElementChild
      : event.key === "End" ? rowElement.parentElement?.lastElementChild
      : null;
    if (target instanceof HTMLElement) {
      event.preventDefault();
      target.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(row, event.metaKey || event.ctrlKey);
    }
  };

  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;

  // A new column lands at the end, often past the right edge of a wide table: scroll to it.
  useEffect(() => {
    if (!revealColumn || !scroller.current) return;
    const th = [...scroller.current.querySelectorAll<HTMLElement>("th[data-column-id]")].find((el) => el.dataset.columnId === revealColumn);
    if (!th) return; // not arrived yet: the server's page with it re-runs this
    const box = scroller.current;
    const sticky = box.querySelector<HTMLElement>("th[data-sticky]")?.offsetWidth ?? 0;
    // Fully in view, scrolling as little as possible, and never with its left edge under the sticky name column.
    const left = th.getBoundingClientRect().left - box.getBoundingClientRect().left - box.clientLeft + box.scrollLeft;
    const right = left + th.getBoundingClientRect().width;
    let next = box.scrollLeft;
    if (right > next + box.clientWidth) next = Math.ceil(right - box.clientWidth);
    if (left - sticky < next) next = Math.max(0, Math.floor(left - sticky));
    box.scrollTo({ left: next, behavior: "smooth" });
    th.animate?.([{ backgroundColor: "#dbe6fe" }, { backgroundColor: "transparent" }], { duration: 2000, easing: "ease-out" });
    onRevealed?.();
  }, [revealColumn, columns, onRevealed]);

  return (
    <div>
      <div ref={scroller} className="relative overflow-x-auto">
        <table className={cn("w-full border-collapse text-left text-sm transition-opacity", pending && "opacity-60")} aria-busy={pending || undefined}>
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      data-column-id={header.column.id}
                      data-sticky={meta?.sticky || undefined}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cn(
                        "px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase",
                        meta?.align === "end" && "text-right",
                        meta?.sticky && "sticky left-0 z-10 bg-slate-50",
                      )}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <SortHeader header={header} label={meta?.label}>
                          <table.FlexRender header={header} />
                        </SortHeader>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className="px-4 py-12 text-center text-slate-500">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((row, index) => (
                <tr
                  key={row.id}
                  tabIndex={getRowHref ? (index === 0 ? 0 : -1) : undefined}
                  onClick={getRowHref ? (e) => onRowClick(e, row.original) : undefined}
                  onKeyDown={getRowHref ? (e) => onRowKeyDown(e, row.original) : undefined}
                  className={cn(
                    "group transition-colors hover:bg-slate-50",
                    getRowHref && "cursor-pointer focus-visible:bg-brand-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                  )}
                >
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cn(
                          "px-4 py-2.5 align-middle whitespace-nowrap text-slate-700",
                          meta?.align === "end" && "text-right tabular-nums",
                          meta?.sticky && "sticky left-0 z-10 bg-white group-hover:bg-slate-50 group-focus-visible:bg-brand-50",
                        )}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <DataTablePagination pagination={pagination} onPaginationChange={onPaginationChange} pageSizes={pageSizes} count={count} shownRows={rows.length} />
    </div>
  );
}
