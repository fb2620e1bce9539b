/**
 * The customer CSV export's format:
 * - RFC 4180: comma-separated, CRLF line ends, a field quoted (with "" for a quote) when it holds a
 *   comma, quote, CR or LF, or starts or ends with whitespace;
 * - UTF-8 with a byte order mark, so Excel opens accented names correctly (the import accepts both);
 * - a header of field keys (email, custom.interests), not labels, so the file maps itself on re-import;
 * - values as the import reads them: lists joined with ";", booleans true/false, money and numbers
 *   with "." as the decimal mark, dates YYYY-MM-DD, times ISO 8601 in UTC, option keys; an empty
 *   emailOptIn is "never asked" (re-imported, it creates customers never asked and leaves stored
 *   consent as it is);
 * - a text value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 *   apostrophe, unless it reads as a number or phone number ("+48 600 100 200").
 * Pure.
 */
import type { FieldType } from "@/lib/fields/catalog";
import { localDateOf } from "@/lib/segments/time";
import { NAME_COLUMN_KEY } from "./list-columns";
import type { ListValue } from "./list";
import { EXTERNAL_ID_KEY } from "./schemas";

/** UTF-8 byte order mark (written as the first character of the file). */
export const CSV_BOM = "\uFEFF";
/** Separator of list items, as the import splits them. */
export const CSV_LIST_SEPARATOR = ";";

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_OR_PHONE = /^[+-]?[0-9][0-9 ().\/-]*$/;

/** One field, quoted when RFC 4180 (or surrounding whitespace) needs it. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: the fields joined with commas, ended with CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Text a spreadsheet would evaluate, made inert with a leading apostrophe; numbers and phone numbers stay as they are. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_OR_PHONE.test(text) ? `'${text}` : text;
}

const TYPED_TEXT: ReadonlySet<FieldType> = new Set(["number", "money", "date", "datetime"]);

/** A cell's text for a value of a column of this type (values come from the list query: see ListValue). */
export function csvValue(type: FieldType, value: ListValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return neutralizeFormula(value.join(CSV_LIST_SEPARATOR));
  return TYPED_TEXT.has(type) ? value : neutralizeFormula(value);
}

/**
 * The columns of an export of a view: the identity columns the import matches on (externalId,
 * email) first, then the view's columns in order, the name split into firstName and lastName.
 */
export function exportColumnKeys(columns: readonly string[]): string[] {
  const expanded = columns.flatMap((k) => (k === NAME_COLUMN_KEY ? ["firstName", "lastName"] : [k]));
  return [...new Set([EXTERNAL_ID_KEY, "email", ...expanded])];
}

/** "customers-acme-2026-11-25.csv": the workspace and today's date in its time zone. */
export function exportFilename(workspaceSlug: string, timeZone: string, now: Date = new Date()): string {
  return `customers-${workspaceSlug}-${localDateOf(now.getTime(), timeZone)}.csv`;
}
