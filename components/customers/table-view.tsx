"use client";

import { Download, Plus, Upload } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { useUrlState } from "@/components/data-table/use-url-navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ListColumn } from "@/lib/customers/list-columns";
import type { DisplayRow } from "@/lib/customers/list-format";
import { LIST_DEFAULTS, LIST_PAGE_SIZES, listViewSearch, type CustomerListView, type ListPageSize } from "@/lib/customers/list-schemas";
import { formatCount } from "@/lib/format";
import { customerColumns } from "./columns";
import { ColumnChooser, type ChooserGroup } from "./table-column-chooser";
import { EmptyWorkspace, NoMatches, PastTheEnd } from "./table-empty";
import { readSavedColumns, saveColumns } from "./table-saved-columns";
import { TableSearch } from "./table-search";

/** What the customers page hands the table (all plain data, formatted on the server). */
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
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

/** The customer table: search, column chooser, export, the table with sorting and paging; every state change is a URL change. */
export function CustomersTable(props: CustomersTableProps) {
  const { workspace, columns, rows, total, totalIsExact, hasNextPage, pickable, can } = props;
  // `view` runs ahead of the server while a change is loading (the rows are then the previous ones, dimmed).
  const { state: view, navigate, pending } = useUrlState(props.view, listViewSearch);
  const base = `/w/${workspace}/customers`;
  // Every change names the columns in the URL: only a link from outside is bare (and gets the remembered columns).
  const go = (patch: Partial<CustomerListView>, options?: { replace?: boolean; scroll?: boolean }) => navigate({ ...view, columnsFromUrl: true, ...patch }, options);

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
    go({ columns: keys });
  };

  // What the rows on screen are (the server's view, not one still loading): the summary and the export follow it.
  const shown = props.view;
  const search = shown.search.trim();
  const exportHref = `${base}/export${listViewSearch({ ...shown, page: 1, pageSize: LIST_DEFAULTS.pageSize })}`;
  const direction = shown.direction === "asc" ? "ascending" : "descending";

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Customers</h1>
          <p className="mt-1 text-sm text-slate-500">
            {search ? `${formatCount(total)}${totalIsExact ? "" : "+"} matching “${search}”` : `${formatCount(total)} ${total === 1 ? "customer" : "customers"}`}
            {(total > 0 || search) && ` · sorted by ${props.sortLabel}, ${direction} · times in ${props.timeZone}`}
          </p>
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

      {total === 0 && !search ? (
        <EmptyWorkspace base={base} can={can} />
      ) : (
        <Card className="overflow-hidden">
          <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3">
            <TableSearch value={view.search} pending={pending} onSearch={(text) => go({ search: text, page: 1 }, { replace: view.search !== "" && text !== "" })} />
            <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
              <ColumnChooser groups={pickable} selected={view.columns} defaults={LIST_DEFAULTS.columns} onApply={applyColumns} />
              {can.export && (
                <a href={exportHref} download className={buttonClasses({ variant: "secondary", size: "sm" })} title="Download every customer of this view (search, sort and columns) as CSV">
                  <Download aria-hidden className="size-4" />
                  Export CSV
                </a>
              )}
            </div>
          </div>
          <DataTable
            caption={`Customers of this workspace, sorted by ${props.sortLabel}, ${direction}`}
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
            count={{ total, exact: totalIsExact, hasNextPage, noun: { one: "customer", other: "customers" } }}
            getRowHref={(row) => `${base}/${row.id}`}
            pending={pending}
            empty={total === 0 ? <NoMatches search={search} onClear={() => go({ search: "", page: 1 })} /> : <PastTheEnd onFirstPage={() => go({ page: 1 })} />}
          />
        </Card>
      )}
    </div>
  );
}
