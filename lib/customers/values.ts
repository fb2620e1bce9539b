/**
 * Parsing one customer value against its catalog field, for forms, the CSV import and the API alike.
 * Pure (no database, safe in the browser). Cell conventions (issue 3): an empty cell is an empty
 * value; lists are separated by ";"; booleans accept true/false, yes/no, 1/0 in any case; numbers
 * are written as in the caller's locale (options.numberLocale, English by default: "54,700" is
 * 54700, "1,234.5" is 1234.5; see ./numbers); dates are "YYYY-MM-DD"; a date-time without a zone
 * is in the workspace's time zone.
 */
import type { FieldDefinition, FieldOption } from "@/lib/fields/catalog";
import { isLocalDate, localDateOf, startOfDay } from "@/lib/segments/time";
import { parseLanguage as readLanguage } from "@/lib/fields/value-codes";
import { isCountryCode, countryCodeFromName } from "./countries";
import { decimalMarkOf, languageName, notANumberMessage, readNumber } from "./numbers";
import { zonedTimeToInstant } from "./zoned-time";

/** A parsed value: text/select → string, number → number, money → decimal string, date → "YYYY-MM-DD", datetime → Date, boolean, multiselect/tags → string[]; empty → null. */
export type ParsedValue = string | number | boolean | Date | string[] | null;

/** The outcome of parsing one value: the normalized value, or a message for the person who typed it. */
export type ParseResult<T = ParsedValue> = { ok: true; value: T } | { ok: false; message: string };

/** What parsing needs besides the field: the workspace's IANA zone (date-times without a zone). */
export interface ParseOptions {
  timeZone: string;
  /** "Today" for range checks (birth dates in the future); defaults to now. */
  now?: Date;
  /**
   * The BCP 47 locale numbers are typed in (a form sends the browser's language): its decimal mark
   * decides "1,500" (1500 in English, 1.5 in German). English when unset: the API, and imports,
   * whose columns are rewritten to plain numbers first (lib/import/numbers.ts).
   */
  numberLocale?: string;
}

/** Longest text of a standard field, and of a custom text field. */
export const MAX_TEXT = { standard: 500, custom: 2000 } as const;
/** Tags: at most this many, each at most this long. */
export const MAX_TAGS = { count: 100, length: 100 } as const;
/** Largest income (NUMERIC(14,2)), company size, and absolute custom number. */
export const MAX_NUMBER = { income: 999_999_999_999.99, companySize: 10_000_000, custom: 1e15 } as const;
/** Years a date or date-time may fall in. */
export const YEAR_RANGE = { min: 1900, max: 2200 } as const;

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** Whether raw is an empty value: null, undefined, a blank string or an empty list. */
export function isEmptyRaw(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === "string") return raw.trim() === "";
  return Array.isArray(raw) && raw.length === 0;
}

function show(raw: unknown): string {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw) ?? String(raw);
  return text.length > 40 ? `"${text.slice(0, 37)}…"` : `"${text}"`;
}

function textOf(raw: unknown, max: number): ParseResult<string> {
  if (typeof raw !== "string" && typeof raw !== "number") return fail("Enter text.");
  const text = String(raw).trim();
  if (text.includes("\u0000")) return fail("Remove the NUL character.");
  if (text.length > max) return fail(`Use at most ${max.toLocaleString("en-US")} characters (this has ${text.length.toLocaleString("en-US")}).`);
  return ok(text);
}

const EMAIL_RE = /^(?!\.)(?!.*\.\.)[a-z0-9_'+\-.]*[a-z0-9_+-]@[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

function parseEmail(text: string): ParseResult<string> {
  const email = text.toLowerCase();
  if (email.length > 254 || !EMAIL_RE.test(email)) return fail(`${show(text)} is not a valid email address.`);
  return ok(email);
}

function parseCountry(text: string): ParseResult<string> {
  const upper = text.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) {
    if (isCountryCode(upper)) return ok(upper);
    const alias = countryCodeFromName(text);
    return alias ? ok(alias) : fail(`${show(text)} is not an ISO 3166-1 country code. Use a country name (Poland) or a code such as PL, DE or US.`);
  }
  const byName = countryCodeFromName(text);
  return byName ? ok(byName) : fail(`${show(text)} is not a country we know. Use its English name (Poland) or its ISO code (PL).`);
}

// "Polish" is a well-formed tag to Intl, so names are read by lib/fields/value-codes: Polish → pl, unknown words refused.
function parseLanguage(text: string): ParseResult<string> {
  const r = readLanguage(text.replaceAll("_", "-"));
  return r.ok ? ok(r.code) : fail(r.message);
}

function numberOf(raw: unknown, locale: string | undefined): ParseResult<{ value: number; text: string }> {
  if (typeof raw === "number") return Number.isFinite(raw) ? ok({ value: raw, text: String(raw) }) : fail("Enter a finite number.");
  if (typeof raw !== "string") return fail("Enter a number.");
  const text = raw.trim();
  const mark = decimalMarkOf(locale);
  const read = readNumber(text, mark);
  if (!read) return fail(notANumberMessage(text, mark, `${languageName(locale) ?? "English"} format`));
  return ok({ value: read.value, text: read.canonical });
}

function decimalPlaces(text: string): number {
  if (/e/i.test(text)) return Number.isInteger(Number(text)) ? 0 : Infinity;
  return (text.split(".")[1] ?? "").replace(/0+$/, "").length;
}

function parseNumberField(field: FieldDefinition, raw: unknown, locale: string | undefined): ParseResult<number> {
  const parsed = numberOf(raw, locale);
  if (!parsed.ok) return parsed;
  const n = parsed.value.value;
  if (field.key === "companySize") {
    if (!Number.isInteger(n)) return fail("Company size must be a whole number of people.");
    if (n < 0) return fail("Company size cannot be negative.");
    if (n > MAX_NUMBER.companySize) return fail(`Company size must be at most ${MAX_NUMBER.companySize.toLocaleString("en-US")}.`);
    return ok(n);
  }
  if (Math.abs(n) > MAX_NUMBER.custom) return fail(`Use a number between -${MAX_NUMBER.custom.toExponential()} and ${MAX_NUMBER.custom.toExponential()}.`);
  return ok(Object.is(n, -0) ? 0 : n);
}

/** A non-negative amount of money with at most 2 decimals (NUMERIC(14,2)) as a decimal string "12.50"; label names it in messages. */
export function parseMoneyAmount(raw: unknown, label: string, locale?: string): ParseResult<string> {
  const parsed = numberOf(raw, locale);
  if (!parsed.ok) return parsed;
  const { value, text } = parsed.value;
  if (value < 0) return fail(`${label} cannot be negative.`);
  if (decimalPlaces(text) > 2) return fail(`${label} can have at most 2 decimal places.`);
  if (value > MAX_NUMBER.income) return fail(`${label} must be at most ${MAX_NUMBER.income.toLocaleString("en-US")}.`);
  return ok(value.toFixed(2));
}

function yearInRange(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= YEAR_RANGE.min && year <= YEAR_RANGE.max;
}

function parseDate(field: FieldDefinition, raw: unknown, options: ParseOptions): ParseResult<string> {
  let text: string;
  if (raw instanceof Date) {
    if (!Number.isFinite(raw.getTime())) return fail("Enter a valid date.");
    text = raw.toISOString().slice(0, 10);
  } else if (typeof raw === "string") text = raw.trim();
  else return fail('Enter a date as YYYY-MM-DD, e.g. 1990-05-31.');
  if (!isLocalDate(text)) return fail(`${show(text)} is not a date. Use YYYY-MM-DD, e.g. 1990-05-31.`);
  if (!yearInRange(text)) return fail(`Use a date between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}.`);
  if (field.key === "birthDate") {
    const today = localDateOf((options.now ?? new Date()).getTime(), options.timeZone);
    if (text > today) return fail("A birth date cannot be in the future.");
  }
  return ok(text);
}

const LOCAL_DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const ZONED_DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An instant: ISO 8601 with a zone, or "YYYY-MM-DD[ HH:MM[:SS]]" in the workspace zone, or a Date. */
export function parseInstant(raw: unknown, options: ParseOptions): ParseResult<Date> {
  let instant: Date;
  if (raw instanceof Date) instant = raw;
  else if (typeof raw !== "string") return fail("Enter a date and time, e.g. 2026-01-31 14:30.");
  else {
    const text = raw.trim();
    const local = LOCAL_DATETIME_RE.exec(text);
    const zoned = ZONED_DATETIME_RE.exec(text);
    if (isLocalDate(text)) instant = new Date(startOfDay(text, options.timeZone));
    else if (local && isLocalDate(local[1])) {
      const [h, m, s, ms] = [Number(local[2]), Number(local[3]), Number(local[4] ?? 0), Number((local[5] ?? "0").padEnd(3, "0"))];
      if (h > 23 || m > 59 || s > 59) return fail(`${show(text)} has an invalid time of day.`);
      instant = new Date(zonedTimeToInstant(local[1], h * 3_600_000 + m * 60_000 + s * 1000 + ms, options.timeZone));
    } else if (zoned && isLocalDate(zoned[1])) instant = new Date(text.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
    else return fail(`${show(text)} is not a date and time. Use YYYY-MM-DD HH:MM (workspace time) or ISO 8601 with a zone.`);
  }
  if (!Number.isFinite(instant.getTime())) return fail("Enter a valid date and time.");
  if (!yearInRange(instant.toISOString())) return fail(`Use a date between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}.`);
  return ok(instant);
}

const TRUE_WORDS = new Set(["true", "yes", "1", "y", "on"]);
const FALSE_WORDS = new Set(["false", "no", "0", "n", "off"]);

function parseBoolean(raw: unknown): ParseResult<boolean> {
  if (typeof raw === "boolean") return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  const word = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`${show(raw)} is not yes or no. Use true/false, yes/no or 1/0.`);
}

/** The option key a raw value names: a key or label exactly, else a key or label in any case; undefined when unknown. */
export function matchOption(options: readonly FieldOption[], raw: string): string | undefined {
  const text = raw.trim();
  const lower = text.toLowerCase();
  return (
    options.find((o) => o.key === text) ??
    options.find((o) => o.label.trim() === text) ??
    options.find((o) => o.key.toLowerCase() === lower || o.label.trim().toLowerCase() === lower)
  )?.key;
}

function unknownOption(field: FieldDefinition, raw: string): { ok: false; message: string } {
  const options = field.options ?? [];
  const list = options.slice(0, 12).map((o) => o.label).join(", ");
  return fail(`${show(raw)} is not an option of ${field.label}. Choose one of: ${list || "(no options defined)"}${options.length > 12 ? ", …" : ""}.`);
}

function parseSelect(field: FieldDefinition, raw: unknown): ParseResult<string> {
  if (typeof raw !== "string" && typeof raw !== "number") return fail(`Choose one option of ${field.label}.`);
  const key = matchOption(field.options ?? [], String(raw));
  return key === undefined ? unknownOption(field, String(raw)) : ok(key);
}

/** A list value's items: an array as is, or a string split on ";". */
export function listItems(raw: unknown): unknown[] | null {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === "string") return raw.split(";");
  return null;
}

function parseMultiselect(field: FieldDefinition, raw: unknown): ParseResult<string[] | null> {
  const items = listItems(raw);
  if (!items) return fail(`Choose options of ${field.label} (separate several with ";").`);
  const keys: string[] = [];
  for (const item of items) {
    if (typeof item !== "string") return fail(`Choose options of ${field.label} by name.`);
    if (item.trim() === "") continue;
    const key = matchOption(field.options ?? [], item);
    if (key === undefined) return unknownOption(field, item);
    if (!keys.includes(key)) keys.push(key);
  }
  return ok(keys.length > 0 ? keys : null);
}

function parseTags(raw: unknown): ParseResult<string[] | null> {
  const items = listItems(raw);
  if (!items) return fail('Enter tags separated by ";".');
  const tags: string[] = [];
  for (const item of items) {
    if (typeof item !== "string") return fail("Each tag must be text.");
    const tag = item.trim().toLowerCase();
    if (tag === "") continue;
    if (tag.length > MAX_TAGS.length) return fail(`Each tag can have at most ${MAX_TAGS.length} characters.`);
    if (tag.includes("\u0000")) return fail("Remove the NUL character.");
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > MAX_TAGS.count) return fail(`Use at most ${MAX_TAGS.count} tags.`);
  return ok(tags.length > 0 ? tags : null);
}

function parseText(field: FieldDefinition, raw: unknown): ParseResult<string> {
  const isCustom = field.source.kind === "attribute";
  const text = textOf(raw, isCustom ? MAX_TEXT.custom : MAX_TEXT.standard);
  if (!text.ok || isCustom) return text;
  if (field.key === "email") return parseEmail(text.value);
  if (field.key === "country") return parseCountry(text.value);
  if (field.key === "language") return parseLanguage(text.value);
  return text;
}

/**
 * Parses one raw value (a CSV cell, a form string, or a JSON value from the API) for a catalog
 * field: `{ ok: true, value }` with the value as stored (empty → null), or `{ ok: false, message }`.
 * Derived fields are refused; `externalId` (not a catalog field) goes through parseExternalId.
 */
export function parseFieldValue(field: FieldDefinition, raw: unknown, options: ParseOptions): ParseResult {
  if (field.derived || (field.source.kind === "column" && field.source.column === "createdAt")) {
    return fail(`${field.label} is computed by Segmenta and cannot be set.`);
  }
  if (isEmptyRaw(raw)) return ok(null);
  switch (field.type) {
    case "text":
      return parseText(field, raw);
    case "number":
      return parseNumberField(field, raw, options.numberLocale);
    case "money":
      return parseMoneyAmount(raw, field.label, options.numberLocale);
    case "date":
      return parseDate(field, raw, options);
    case "datetime":
      return parseInstant(raw, options);
    case "boolean":
      return parseBoolean(raw);
    case "select":
      return parseSelect(field, raw);
    case "multiselect":
      return parseMultiselect(field, raw);
    case "tags":
      return parseTags(raw);
  }
}

/** Parses a customer's external id (the id in the source system): trimmed text up to 200 characters; empty → null. */
export function parseExternalId(raw: unknown): ParseResult<string | null> {
  if (isEmptyRaw(raw)) return ok(null);
  return textOf(raw, 200);
}
