"use client";

import Link from "next/link";
import { createDataTableColumnHelper } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import type { ListColumn } from "@/lib/customers/list-columns";
import type { CellDisplay, DisplayRow } from "@/lib/customers/list-format";

const helper = createDataTableColumnHelper<DisplayRow>();

// Lists show their first few items on the row's one line; the rest are counted (all of them in the tooltip).
const MAX_ITEMS = 3;

// Numbers, money and dates read best largest / newest first.
const DESC_FIRST = new Set(["number", "money", "date", "datetime"]);

function Cell({ value }: { value: CellDisplay | null }) {
  if (!value) return <span className="text-slate-300" aria-label="empty">—</span>;
  if (value.items) {
    const more = value.items.length - MAX_ITEMS;
    return (
      <span className="flex items-center gap-1" title={more > 0 ? value.text : undefined}>
        {value.items.slice(0, MAX_ITEMS).map((item) => (
          <Badge key={item}>{item}</Badge>
        ))}
        {more > 0 && <span className="text-xs text-slate-500">+{more} more</span>}
      </span>
    );
  }
  if (value.dateTime) {
    return (
      <time dateTime={value.dateTime} title={value.title}>
        {value.text}
      </time>
    );
  }
  return <span className="block max-w-xs truncate" title={value.text.length > 40 ? value.text : undefined}>{value.text}</span>;
}

/** The customer table's columns: the name (a link to the profile) and then each shown column of the view. */
export function customerColumns(columns: readonly ListColumn[], profileHref: (id: string) => string) {
  return helper.columns(
    columns.map((column) =>
      helper.accessor((row) => row.cells[column.key] ?? null, {
        id: column.key,
        header: column.label,
        enableSorting: column.sortable,
        sortDescFirst: DESC_FIRST.has(column.type),
        meta: { align: column.align, label: column.label, sticky: column.key === "name" },
        cell: (info) => {
          const value = info.getValue();
          if (column.key !== "name") return <Cell value={value} />;
          // The row itself is the keyboard stop (Enter opens); the link serves pointers, middle-click and screen-reader browsing.
          return (
            <Link href={profileHref(info.row.original.id)} tabIndex={-1} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {value?.text ?? "Unnamed customer"}
            </Link>
          );
        },
      }),
    ),
  );
}
