"use client";

import { Download, Plus, Upload } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { useUrlState } from "@/components/data-table/use-url-navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ListColumn } from "@/lib/customers/list-columns";
import type { DisplayRow } from "@/lib/customers/list-format";
import { LIST_DEFAULTS, LIST_PAGE_SIZES, listViewSearch, type CustomerListView, type ListPageSize } from "@/lib/customers/list-schemas";
import { customerColumns } from "./columns";
import { ColumnChooser, type ChooserGroup } from "./table-column-chooser";
import { EmptyWorkspace, NoMatches, NoMembers, PastTheEnd } from "./table-empty";
import { readSavedColumns, saveColumns } from "./table-saved-columns";
import { TableSearch } from "./table-search";
import { TableSegmentFilter, type SegmentChoice } from "./table-segment-filter";
import { TableSummary } from "./table-summary";

/** What the customers page (or a segment's Members tab) hands the table (all plain data, formatted on the server). */
export interface CustomersTableProps {
  workspace: string;
  view: CustomerListView;
  /** Shown columns, the name first. */
  columns: ListColumn[];
  rows: DisplayRow[];
  total: number;
  totalIsExact: boolean;
  hasNextPage: boolean;
  /** What the column chooser offers, by catalog group. */
  pickable: ChooserGroup[];
  /** The label of the sort column (it may not be shown). */
  sortLabel: string;
  can: { write: boolean; import: boolean; export: boolean };
  timeZone: string;
  /** The customers page: the saved segments its segment filter offers (the filter's own segment is view.segment). */
  segmentChoices?: SegmentChoice[];
  /** A segment's Members tab: the segment (fixed by the page, not part of the URL) and its member count. */
  membersOf?: { id: string; name: string; members: number };
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

/** The customer table: search, segment filter, column chooser, export, the table with sorting and paging; every state change is a URL change. */
export function CustomersTable(props: CustomersTableProps) {
  const { workspace, columns, rows, total, totalIsExact, hasNextPage, pickable, can, membersOf } = props;
  // `view` runs ahead of the server while a change is loading (the rows are then the previous ones, dimmed).
  const { state: view, navigate, pending } = useUrlState(props.view, listViewSearch);
  const base = `/w/${workspace}/customers`;
  // Every change names the columns in the URL: only a link from outside is bare (and gets the remembered columns).
  const go = (patch: Partial<CustomerListView>, options?: { replace?: boolean; scroll?: boolean }) => navigate({ ...view, columnsFromUrl: true, ...patch }, options);
  // A column just added by the chooser: the table scrolls it into view once it arrives.
  const [reveal, setReveal] = useState<string | null>(null);

  const tableColumns = useMemo(() => customerColumns(columns, (id) => `${base}/${id}`), [columns, base]);
  const pickableKeys = useMemo(() => new Set(pickable.flatMap((g) => g.columns.map((c) => c.key))), [pickable]);

  // A link without columns (the navigation's) shows the columns this browser remembers.
  const serverView = props.view;
  useEffect(() => {
    if (serverView.columnsFromUrl) return;
    const saved = readSavedColumns(workspace)?.filter((k) => pickableKeys.has(k));
    if (saved && saved.length > 0 && !sameKeys(saved, serverView.columns)) navigate({ ...serverView, columns: saved, columnsFromUrl: true }, { replace: true });
  }, [serverView, workspace, pickableKeys, navigate]);

  const applyColumns = (keys: string[]) => {
    const isDefault = sameKeys(keys, LIST_DEFAULTS.columns);
    saveColumns(workspace, isDefault ? null : keys);
    setReveal(keys.find((k) => !view.columns.includes(k)) ?? null);
    go({ columns: keys });
  };

  // What the rows on screen are (the server's view, not one still loading): the summary and the export follow it.
  const shown = props.view;
  const search = shown.search.trim();
  const exportFilter = membersOf ? { id: membersOf.id, exclude: false } : shown.segment;
  const exportHref = `${base}/export${listViewSearch({ ...shown, segment: exportFilter, page: 1, pageSize: LIST_DEFAULTS.pageSize })}`;
  const direction = shown.direction === "asc" ? "ascending" : "descending";
  const filterName = shown.segment ? props.segmentChoices?.find((s) => s.id === shown.segment?.id)?.name : undefined;
  const exportLink = can.export && (
    <a
      href={exportHref}
      download
      className={buttonClasses({ variant: membersOf ? "primary" : "secondary", size: membersOf ? "md" : "sm" })}
      title={membersOf ? "Download every member with the columns shown (and the search, if any) as CSV" : "Download every customer of this view (search, segment, sort and columns) as CSV"}
    >
      <Download aria-hidden className="size-4" />
      {membersOf ? "Export members (CSV)" : "Export CSV"}
    </a>
  );
  const summary = (
    <TableSummary
      view={shown}
      total={total}
      totalIsExact={totalIsExact}
      sortLabel={props.sortLabel}
      timeZone={props.timeZone}
      membersOf={membersOf}
      filter={shown.segment && filterName ? { name: filterName, exclude: shown.segment.exclude } : undefined}
      onShowSortColumn={() => applyColumns([...view.columns, shown.sort])}
    />
  );

  return (
    <div className="space-y-5">
      {membersOf ? (
        <header className="flex flex-wrap items-end justify-between gap-4">
          {summary}
          {exportLink}
        </header>
      ) : (
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Customers</h1>
            {summary}
          </div>
          {(can.import || can.write) && (
            <div className="flex flex-wrap gap-2">
              {can.import && (
                <Link href={`${base}/import`} className={buttonClasses({ variant: "secondary" })}>
                  <Upload aria-hidden className="size-4" />
                  Import
                </Link>
              )}
              {can.write && (
                <Link href={`${base}/new`} className={buttonClasses()}>
                  <Plus aria-hidden className="size-4" />
                  New customer
                </Link>
              )}
            </div>
          )}
        </header>
      )}

      {total === 0 && !search && !shown.segment && !membersOf ? (
        <EmptyWorkspace base={base} can={can} />
      ) : (
        <Card className="overflow-hidden">
          <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3">
            <TableSearch
              value={view.search}
              pending={pending}
              label={membersOf ? "Search members" : "Search customers"}
              onSearch={(text) => go({ search: text, page: 1 }, { replace: view.search !== "" && text !== "" })}
            />
            <div className="flex w-full flex-wrap items-center gap-2 sm:ml-auto sm:w-auto">
              {props.segmentChoices && <TableSegmentFilter choices={props.segmentChoices} value={view.segment} onChange={(segment) => go({ segment, page: 1 })} />}
              <ColumnChooser groups={pickable} selected={view.columns} defaults={LIST_DEFAULTS.columns} onApply={applyColumns} />
              {!membersOf && exportLink}
            </div>
          </div>
          <DataTable
            caption={membersOf ? `Members of ${membersOf.name}, sorted by ${props.sortLabel}, ${direction}` : `Customers of this workspace, sorted by ${props.sortLabel}, ${direction}`}
            columns={tableColumns}
            data={rows}
            sorting={[{ id: view.sort, desc: view.direction === "desc" }]}
            onSortingChange={(next) => {
              const [first] = next;
              if (first) go({ sort: first.id, direction: first.desc ? "desc" : "asc", page: 1 });
            }}
            pagination={{ pageIndex: view.page - 1, pageSize: view.pageSize }}
            onPaginationChange={(next) => go({ page: next.pageIndex + 1, pageSize: next.pageSize as ListPageSize }, { scroll: true })}
            pageSizes={LIST_PAGE_SIZES}
            count={{ total, exact: totalIsExact, hasNextPage, noun: membersOf ? { one: "member", other: "members" } : { one: "customer", other: "customers" } }}
            getRowHref={(row) => `${base}/${row.id}`}
            pending={pending}
            revealColumn={reveal}
            onRevealed={() => setReveal(null)}
            empty={
              total > 0 ? (
                <PastTheEnd onFirstPage={() => go({ page: 1 })} />
              ) : search ? (
                <NoMatches search={search} onClear={() => go({ search: "", page: 1 })} />
              ) : (
                <NoMembers segmentName={membersOf?.name ?? filterName ?? "this segment"} exclude={!membersOf && !!shown.segment?.exclude} onClear={membersOf ? undefined : () => go({ segment: null, page: 1 })} />
              )
            }
          />
        </Card>
      )}
    </div>
  );
}
