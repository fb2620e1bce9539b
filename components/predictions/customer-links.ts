/** Links from the Predictions page to the customers table, sorted by a prediction with the prediction columns shown. Pure. */
import { findListColumn } from "@/lib/customers/list-columns";
import { LIST_DEFAULTS, listViewSearch } from "@/lib/customers/list-schemas";
import type { FieldCatalog } from "@/lib/fields/catalog";

const COLUMNS = ["email", "prediction.churnRisk", "prediction.probabilityAlive", "prediction.value12m", "prediction.purchases365", "lastOrderAt"];

// Only descending sorts: the table puts empty values lowest, so an ascending sort by probability
// still active would list every customer without a paid order (no prediction) first.
const LINKS = [{ label: "All customers by predicted value, highest first", sort: "prediction.value12m", direction: "desc" }] as const;

/** The links whose sort the workspace's catalog offers (none when the table cannot sort by predictions). */
export function predictionCustomerLinks(workspace: string, catalog: FieldCatalog): { href: string; label: string }[] {
  const usable = (key: string) => {
    const column = findListColumn(catalog, key);
    return column !== undefined && !column.archived;
  };
  const columns = COLUMNS.filter(usable);
  return LINKS.filter((l) => findListColumn(catalog, l.sort)?.sortable === true).map((l) => ({
    label: l.label,
    href: `/w/${workspace}/customers${listViewSearch({ ...LIST_DEFAULTS, columns, sort: l.sort, direction: l.direction, columnsFromUrl: true })}`,
  }));
}
