/**
 * THE field catalog (DESIGN.md §4): every field a segment, a table column, an import mapping
 * or a breakdown can use. Pure data and lookups; getCatalog in ./queries loads a workspace's.
 */
import { PREDICTION_FIELDS } from "./predictions";
import { STANDARD_FIELDS } from "./standard";
import type { CustomFieldInput, CustomFieldType, FieldCatalog, FieldDefinition, FieldGroup, FieldType } from "./types";

export type * from "./types";
export { GENDER_OPTIONS, LIFECYCLE_STAGE_OPTIONS, STANDARD_FIELDS } from "./standard";
export { CHURN_RISK_OPTIONS, PREDICTION_FIELDS, PREDICTION_PREFIX } from "./predictions";

/** Picker groups in display order. */
export const FIELD_GROUPS: readonly FieldGroup[] = ["Profile", "Location", "Company", "Purchases", "Predictions", "Activity", "Custom"];

/** Human names of the field types. */
export const FIELD_TYPE_LABELS: Readonly<Record<FieldType, string>> = {
  text: "Text",
  number: "Number",
  money: "Money",
  date: "Date",
  datetime: "Date and time",
  boolean: "Yes / no",
  select: "Single choice",
  multiselect: "Multiple choice",
  tags: "Tags",
};

/** The catalog field type of each custom field type (one to one). */
export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = ["text", "number", "date", "boolean", "select", "multiselect"];

/** Prefix of custom field keys in the catalog. */
export const CUSTOM_PREFIX = "custom.";

/** The catalog key of a custom field ("interests" → "custom.interests"). */
export function customFieldKey(key: string): string {
  return `${CUSTOM_PREFIX}${key}`;
}

function customField(input: CustomFieldInput): FieldDefinition {
  const hasOptions = input.type === "select" || input.type === "multiselect";
  return {
    key: customFieldKey(input.key),
    label: input.label,
    group: "Custom",
    type: input.type,
    source: { kind: "attribute", key: input.key },
    ...(hasOptions ? { options: [...(input.options ?? [])] } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.archived ? { archived: true } : {}),
  };
}

/** The catalog of a workspace: the standard and derived fields, the prediction fields, then its custom fields as custom.<key>. */
export function buildCatalog(customFields: readonly CustomFieldInput[] = []): FieldCatalog {
  return { fields: [...STANDARD_FIELDS, ...PREDICTION_FIELDS, ...customFields.map(customField)] };
}

const indexes = new WeakMap<FieldCatalog, Map<string, FieldDefinition>>();

/** The field with this key (archived custom fields included), or undefined. */
export function findField(catalog: FieldCatalog, key: string): FieldDefinition | undefined {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.fields.map((f) => [f.key, f]));
    indexes.set(catalog, index);
  }
  return index.get(key);
}

/** Fields a picker offers (archived custom fields left out), grouped in FIELD_GROUPS order. */
export function pickableFields(catalog: FieldCatalog): { group: FieldGroup; fields: FieldDefinition[] }[] {
  return FIELD_GROUPS.map((group) => ({
    group,
    fields: catalog.fields.filter((f) => f.group === group && !f.archived),
  })).filter((g) => g.fields.length > 0);
}

/** Whether values of this field compare ignoring case (text and tags; select keys are exact). */
export function ignoresCase(field: FieldDefinition): boolean {
  return field.type === "text" || field.type === "tags";
}
