"use client";

import type { PaginationState } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { formatCount } from "@/lib/format";

/** How many rows match: an exact total, or a lower bound ("10,000+") when counting was capped. */
export interface PageCount {
  total: number;
  exact: boolean;
  hasNextPage: boolean;
  /** What a row is, singular and plural: "customer", "customers". */
  noun: { one: string; other: string };
}

/** The footer of a server-paginated table: the range shown, rows per page, and page navigation. */
export function DataTablePagination({
  pagination,
  onPaginationChange,
  pageSizes,
  count,
  shownRows,
}: {
  pagination: PaginationState;
  onPaginationChange: (next: PaginationState) => void;
  pageSizes: readonly number[];
  count: PageCount;
  shownRows: number;
}) {
  const sizeId = useId();
  const { pageIndex, pageSize } = pagination;
  const pageCount = Math.max(1, Math.ceil(count.total / pageSize));
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + shownRows;
  const totalText = `${formatCount(count.total)}${count.exact ? "" : "+"} ${count.total === 1 && count.exact ? count.noun.one : count.noun.other}`;
  const go = (index: number) => onPaginationChange({ pageIndex: index, pageSize });
  const canPrevious = pageIndex > 0;
  const canNext = count.hasNextPage;

  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
      <p aria-live="polite">{shownRows > 0 ? `Showing ${formatCount(first)}–${formatCount(last)} of ${totalText}` : `${totalText}`}</p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="whitespace-nowrap">
            Rows per page
          </label>
          <Select
            id={sizeId}
            controlSize="sm"
            className="w-20"
            value={String(pageSize)}
            onChange={(e) => onPaginationChange({ pageIndex: 0, pageSize: Number(e.target.value) })}
          >
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <span className="whitespace-nowrap">
          Page {formatCount(pageIndex + 1)}
          {count.exact ? ` of ${formatCount(pageCount)}` : ""}
        </span>
        <nav aria-label="Pagination" className="flex items-center gap-1">
          <Button variant="secondary" size="sm" aria-label="First page" disabled={!canPrevious} onClick={() => go(0)}>
            <ChevronsLeft aria-hidden className="size-4" />
          </Button>
          <Button variant="secondary" size="sm" aria-label="Previous page" disabled={!canPrevious} onClick={() => go(pageIndex - 1)}>
            <ChevronLeft aria-hidden className="size-4" />
          </Button>
          <Button variant="secondary" size="sm" aria-label="Next page" disabled={!canNext} onClick={() => go(pageIndex + 1)}>
            <ChevronRight aria-hidden className="size-4" />
          </Button>
          <Button variant="secondary" size="sm" aria-label="Last page" disabled={!count.exact || pageIndex >= pageCount - 1} onClick={() => go(pageCount - 1)}>
            <ChevronsRight aria-hidden className="size-4" />
          </Button>
        </nav>
      </div>
    </div>
  );
}
