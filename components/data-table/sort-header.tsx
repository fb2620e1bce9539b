"use client";

import type { CellData, Header, RowData } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { DataTableFeatures } from "./features";

/** A column header that sorts: click (or Enter / Space) toggles the direction; the <th> carries aria-sort. */
export function SortHeader<TData extends RowData, TValue extends CellData>({
  header,
  label,
  children,
}: {
  header: Header<DataTableFeatures, TData, TValue>;
  label?: string;
  children: React.ReactNode;
}) {
  const sorted = header.column.getIsSorted();
  const next = header.column.getNextSortingOrder();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <button
      type="button"
      onClick={header.column.getToggleSortingHandler()}
      title={label ? `Sort by ${label}, ${next === "asc" ? "ascending" : "descending"}` : undefined}
      className={cn(
        "-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 tracking-wide uppercase hover:text-slate-900",
        "focus-visible:outline-2 focus-visible:outline-brand-600",
        sorted && "text-slate-900",
      )}
    >
      {children}
      <Icon aria-hidden className={cn("size-3.5 shrink-0", !sorted && "text-slate-300")} />
    </button>
  );
}
