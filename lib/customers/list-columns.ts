/**
 * The columns of the customer table: a fixed "name" column, the external id, and every field of
 * the workspace's catalog. Pure data and lookups, safe in the browser; ./list-sql turns a column
 * into SQL.
 */
import { findField, FIELD_GROUPS, type FieldCatalog, type FieldDefinition, type FieldGroup, type FieldOption, type FieldType } from "@/lib/fields/catalog";
import { EXTERNAL_ID_KEY } from "./schemas";

/** Key of the always-shown first column: the customer's name (sorted by last name, then first name). */
export const NAME_COLUMN_KEY = "name";

/** One column the table can show, sort by, and export. */
export interface ListColumn {
  key: string;
  label: string;
  group: FieldGroup;
  type: FieldType;
  options?: readonly FieldOption[];
  description?: string;
  /** Lists (tags, multiple choice) have no natural order, so they cannot be sorted by. */
  sortable: boolean;
  /** Numbers and money line up on the right. */
  align: "start" | "end";
  /** An archived custom field: still listable, but left out of the column chooser. */
  archived?: boolean;
}

const isList = (type: FieldType) => type === "tags" || type === "multiselect";
const alignOf = (type: FieldType): ListColumn["align"] => (type === "number" || type === "money" ? "end" : "start");

const NAME_COLUMN: ListColumn = {
  key: NAME_COLUMN_KEY,
  label: "Name",
  group: "Profile",
  type: "text",
  sortable: true,
  align: "start",
  description: "First and last name; sorted by last name, then first name.",
};

const EXTERNAL_ID_COLUMN: ListColumn = {
  key: EXTERNAL_ID_KEY,
  label: "External ID",
  group: "Profile",
  type: "text",
  sortable: true,
  align: "start",
  description: "The customer's id in the system the data comes from.",
};

function fieldColumn(field: FieldDefinition): ListColumn {
  return {
    key: field.key,
    label: field.label,
    group: field.group,
    type: field.type,
    sortable: !isList(field.type),
    align: alignOf(field.type),
    ...(field.options ? { options: field.options } : {}),
    ...(field.description ? { description: field.description } : {}),
    ...(field.archived ? { archived: true } : {}),
  };
}

/** The column with this key (archived custom fields included), or undefined. */
export function findListColumn(catalog: FieldCatalog, key: string): ListColumn | undefined {
  if (key === NAME_COLUMN_KEY) return NAME_COLUMN;
  if (key === EXTERNAL_ID_KEY) return EXTERNAL_ID_COLUMN;
  const field = findField(catalog, key);
  return field ? fieldColumn(field) : undefined;
}

/** The columns the chooser offers (all but the fixed name column; archived fields left out), grouped in catalog order. */
export function pickableListColumns(catalog: FieldCatalog): { group: FieldGroup; columns: ListColumn[] }[] {
  const all = [EXTERNAL_ID_COLUMN, ...catalog.fields.filter((f) => !f.archived).map(fieldColumn)];
  return FIELD_GROUPS.map((group) => ({ group, columns: all.filter((c) => c.group === group) })).filter((g) => g.columns.length > 0);
}
