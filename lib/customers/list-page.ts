/**
 * What the customer table needs from one listed page, shared by the customers page and a segment's
 * Members tab, and why a segment's members could not be listed. Pure.
 */
import type { FieldCatalog } from "@/lib/fields/catalog";
import { AppError } from "@/lib/errors";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import type { CustomerListPage } from "./list";
import { findListColumn, pickableListColumns } from "./list-columns";
import { formatListRows } from "./list-format";
import type { CustomerListView } from "./list-schemas";

/** The table's data props for a listed page: rows formatted in the zone, the columns one may add, the sort's label. */
export function customerTableData(page: CustomerListPage, view: CustomerListView, catalog: FieldCatalog, timeZone: string) {
  return {
    view,
    columns: page.columns,
    rows: formatListRows(page, timeZone),
    total: page.total,
    totalIsExact: page.totalIsExact,
    hasNextPage: page.hasNextPage,
    pickable: pickableListColumns(catalog).map((g) => ({ group: g.group, columns: g.columns.map((c) => ({ key: c.key, label: c.label })) })),
    sortLabel: findListColumn(catalog, view.sort)?.label ?? view.sort,
    timeZone,
  };
}

/** Why a segment's members could not be listed, in the user's words; null for errors that are not expected here. */
export function segmentListProblem(e: unknown, name: string): { title: string; detail: string } | null {
  if (e instanceof InvalidDefinitionError) {
    const first = e.errors[0];
    return { title: `The rules of “${name}” are no longer valid, so its members cannot be listed.`, detail: first ? `${first.path}: ${first.message}` : "" };
  }
  if (e instanceof AppError && e.code === "timeout") return { title: `Listing the members of “${name}” took too long.`, detail: e.message };
  return null;
}
