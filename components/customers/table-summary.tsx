"use client";

import { NAME_COLUMN_KEY } from "@/lib/customers/list-columns";
import type { CustomerListView } from "@/lib/customers/list-schemas";
import { formatCount } from "@/lib/format";

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

/**
 * The line under the table's title: how many (customers, members, search matches), the segment
 * filter, the sort, and the time zone. The sort is always named, also when its column is hidden
 * (the rows are still in that order), with a button to show that column.
 */
export function TableSummary({
  view,
  total,
  totalIsExact,
  sortLabel,
  timeZone,
  membersOf,
  filter,
  onShowSortColumn,
}: {
  view: CustomerListView;
  total: number;
  totalIsExact: boolean;
  sortLabel: string;
  timeZone: string;
  membersOf?: { name: string; members: number };
  filter?: { name: string; exclude: boolean };
  onShowSortColumn: () => void;
}) {
  const search = view.search.trim();
  const counted = `${formatCount(total)}${totalIsExact ? "" : "+"}`;
  const direction = view.direction === "asc" ? "ascending" : "descending";
  const sortHidden = view.sort !== NAME_COLUMN_KEY && !view.columns.includes(view.sort);
  const how = (total > 0 || search) && (
    <>
      {" · sorted by "}
      {sortLabel}
      {sortHidden && (
        <>
          {" (not shown — "}
          <button type="button" onClick={onShowSortColumn} className="rounded font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
            show the column
          </button>
          {")"}
        </>
      )}
      {`, ${direction} · times in ${timeZone}`}
    </>
  );

  if (membersOf) {
    return (
      <div>
        <p className="text-lg font-semibold text-slate-900" data-testid="members-headline">
          {formatCount(membersOf.members)} {plural(membersOf.members, "member", "members")}
        </p>
        <p className="mt-0.5 text-sm text-slate-500">
          {search ? `${counted} matching “${search}”` : "Evaluated live from the segment's rules"}
          {how}
        </p>
      </div>
    );
  }

  const what = search
    ? `${counted} matching “${search}”`
    : `${counted} ${plural(total, "customer", "customers")}`;
  return (
    <p className="mt-1 text-sm text-slate-500">
      {what}
      {filter && (
        <>
          {filter.exclude ? " not in " : search ? " among the members of " : " in "}
          <span className="font-medium text-slate-700">“{filter.name}”</span>
        </>
      )}
      {how}
    </p>
  );
}
