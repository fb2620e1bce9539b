/**
 * What the create / edit form shows: the writable fields grouped like the catalog, each with the
 * control that fits its type, and a customer's stored values as form values. Pure and serializable.
 */
import { FIELD_GROUPS, type FieldCatalog, type FieldGroup, type FieldOption, type FieldType } from "@/lib/fields/catalog";
import { languageFormText } from "@/lib/fields/value-codes";
import { localDateOf } from "@/lib/segments/time";
import { COUNTRY_CODES, countryName } from "./countries";
import { customerInputTargets, EXTERNAL_ID_KEY } from "./schemas";
import type { CustomerRecord } from "./types";

/** How a field is edited. */
export type FormControl = "text" | "language" | "email" | "decimal" | "date" | "datetime" | "checkbox" | "yesno" | "consent" | "select" | "multiselect" | "tags";

/** One field of the form. */
export interface FormFieldSpec {
  key: string;
  label: string;
  control: FormControl;
  options?: readonly FieldOption[];
  hint?: string;
}

/** A group of the form, in catalog order. */
export interface FormSection {
  group: FieldGroup;
  fields: FormFieldSpec[];
}

/** A form value: text, a list of option keys, or a checkbox. */
export type FormValue = string | string[] | boolean;

let countryOptions: FieldOption[] | undefined;

/** Every country as a select option, sorted by English name. */
export function countrySelectOptions(): FieldOption[] {
  countryOptions ??= [...COUNTRY_CODES].map((key) => ({ key, label: countryName(key) })).sort((a, b) => a.label.localeCompare(b.label, "en"));
  return countryOptions;
}

const CONTROLS: Record<FieldType, FormControl> = {
  text: "text",
  number: "decimal",
  money: "decimal",
  date: "date",
  datetime: "datetime",
  boolean: "yesno",
  select: "select",
  multiselect: "multiselect",
  tags: "tags",
};

const HINTS: Partial<Record<string, string>> = {
  [EXTERNAL_ID_KEY]: "The customer's id in your other systems. A customer needs an email or an external ID.",
  language: "A language name or a BCP 47 tag, e.g. Polish, Polish (Poland) or pt-BR.",
  tags: 'Separate tags with ";". Stored lower-case.',
  income: "Yearly, typed as your language writes numbers (54,700 or 54 700 in English).",
  signedUpAt: "In the workspace's time zone.",
  lastSeenAt: "In the workspace's time zone.",
  emailOptIn: "Whether this customer agreed to marketing email. Each change is recorded with its time and your name.",
};

/** The form's sections: externalId first, then the writable standard and active custom fields by catalog group. */
export function customerFormSections(catalog: FieldCatalog): FormSection[] {
  const specs = new Map<FieldGroup, FormFieldSpec[]>();
  for (const target of customerInputTargets(catalog)) {
    const field = target.field;
    const group: FieldGroup = field?.group ?? "Profile";
    let control: FormControl = field ? CONTROLS[field.type] : "text";
    if (target.key === "email") control = "email";
    if (target.key === "emailOptIn") control = "consent";
    if (target.key === "language") control = "language";
    const options = target.key === "country" ? countrySelectOptions() : field?.options;
    const spec: FormFieldSpec = { key: target.key, label: target.label, control: target.key === "country" ? "select" : control };
    if (options) spec.options = options;
    const hint = HINTS[target.key] ?? field?.description;
    if (hint) spec.hint = hint;
    specs.set(group, [...(specs.get(group) ?? []), spec]);
  }
  return FIELD_GROUPS.filter((g) => specs.has(g)).map((group) => ({ group, fields: specs.get(group)! }));
}

/** An instant as the value of a datetime-local input in the zone ("YYYY-MM-DDTHH:MM"). */
export function datetimeLocalValue(instant: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return `${localDateOf(instant.getTime(), timeZone)}T${time}`;
}

function valueOf(spec: FormFieldSpec, raw: unknown, timeZone: string): FormValue {
  if (spec.control === "checkbox") return raw === true;
  if (raw === null || raw === undefined) return spec.control === "multiselect" ? [] : "";
  if (spec.control === "multiselect") return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
  if (spec.control === "tags") return Array.isArray(raw) ? raw.join("; ") : "";
  if (spec.control === "yesno" || spec.control === "consent") return raw === true ? "true" : raw === false ? "false" : "";
  if (spec.control === "datetime") return raw instanceof Date ? datetimeLocalValue(raw, timeZone) : "";
  // Shown by name when the name reads back to the same tag, so saving other fields keeps it.
  if (spec.control === "language") return typeof raw === "string" ? languageFormText(raw) : "";
  return typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
}

/** The form values of a customer (or of a new one when null), keyed like the form's fields. */
export function customerFormValues(sections: FormSection[], customer: CustomerRecord | null, timeZone: string): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  for (const spec of sections.flatMap((s) => s.fields)) {
    let raw: unknown = null;
    if (customer) {
      if (spec.key.startsWith("custom.")) raw = customer.attributes[spec.key.slice("custom.".length)];
      else raw = customer[spec.key as keyof CustomerRecord];
    }
    values[spec.key] = valueOf(spec, raw, timeZone);
  }
  return values;
}
