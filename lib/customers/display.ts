/** How the profile shows a customer's values: names, formatted field values in the workspace zone. Pure. */
import type { FieldDefinition } from "@/lib/fields/catalog";
import { readField } from "@/lib/fields/read";
import { valueLabel } from "@/lib/fields/value-labels";
import { formatCount, formatMoney } from "@/lib/format";
import { localDateOf } from "@/lib/segments/time";
import { countryName } from "./countries";
import type { CustomerRecord } from "./types";

/** The name to show for a customer: first and last name, else email, else external id. */
export function customerDisplayName(c: Pick<CustomerRecord, "firstName" | "lastName" | "email" | "externalId">): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ").trim();
  return name || c.email || c.externalId || "Unnamed customer";
}

/** A date "YYYY-MM-DD" as "31 May 1990". */
export function formatLocalDate(date: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** An instant as "31 May 2026, 14:30" in the zone. */
export function formatInstant(instant: Date | number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(instant);
}

function optionLabel(field: FieldDefinition, key: unknown): string {
  const text = String(key);
  return field.options?.find((o) => o.key === text)?.label ?? text;
}

/**
 * A field's value as display text (a list for multiselect and tags), or null when empty. Values of
 * the wrong type for an archived or retyped field read as empty, as in segments.
 */
export function displayFieldValue(field: FieldDefinition, customer: CustomerRecord, timeZone: string, now: Date = new Date()): string | string[] | null {
  const value = readField(field, customer, localDateOf(now.getTime(), timeZone));
  if (value === null) return null;
  switch (field.type) {
    case "money":
      return formatMoney(String(value));
    case "number":
      return typeof value === "number" && Number.isInteger(value) ? formatCount(value) : String(value);
    case "date":
      return formatLocalDate(String(value));
    case "datetime":
      return typeof value === "number" ? formatInstant(value, timeZone) : String(value);
    case "boolean":
      return value === true ? "Yes" : "No";
    case "select":
      return optionLabel(field, value);
    case "multiselect":
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v)) : null;
    case "tags":
      return Array.isArray(value) ? value.map(String) : null;
    case "text":
      // Codes read as names ("Polish (Poland)", "Organic search"); the country keeps its code beside the name.
      return field.key === "country" ? `${countryName(String(value))} (${String(value)})` : valueLabel(field, String(value));
  }
}
