/** Which fields the builder's value picker serves, how a typed value becomes a code, and how values read. Client-safe. */
import type { FieldDefinition } from "@/lib/fields/catalog";
import { CODE_PARSERS, type CodeResult } from "@/lib/fields/value-codes";
import { valueLabel } from "@/lib/fields/value-labels";
import type { ValueSource } from "./value-schemas";

// Personal data: every customer has their own, so a list of them helps nobody and shows too much.
const PERSONAL = new Set(["email", "firstName", "lastName", "phone"]);

/** The picker's source for a field's values, or undefined when the field has no useful list. */
export function fieldValueSource(field: FieldDefinition): ValueSource | undefined {
  if (PERSONAL.has(field.key)) return undefined;
  return field.type === "text" || field.type === "tags" ? { kind: "field", field: field.key } : undefined;
}

/** The source of a select or multiselect field's option counts (how many customers have each option). */
export function optionCountSource(field: FieldDefinition): ValueSource | undefined {
  return field.type === "select" || field.type === "multiselect" ? { kind: "field", field: field.key } : undefined;
}

/** A typed value read as the engine reads it: a country or language name as its code, anything else as typed. */
export function readTyped(field: FieldDefinition, text: string): CodeResult | undefined {
  const parse = field.source.kind === "column" && Object.hasOwn(CODE_PARSERS, field.key) ? CODE_PARSERS[field.key] : undefined;
  return parse && text.trim() ? parse(text) : undefined;
}

/** The typed value, or its code when it names a country or language. */
export function typedToCode(field: FieldDefinition, text: string): string {
  const r = readTyped(field, text);
  return r?.ok ? r.code : text;
}

/** "Poland" for PL, "Organic search" for organic_search; free text as written. */
export function pickerLabel(field: FieldDefinition): (value: string) => string {
  return (value) => valueLabel(field, value);
}
