/**
 * Audit details as words: the shapes entries carry (field → value, field → { from, to }) turned into
 * lines the page and the CSV show. Values are formatted (dates in the workspace zone, yes/no, money,
 * lists); raw JSON is never shown. Pure and client-safe.
 */
import { formatInstant, formatLocalDate } from "@/lib/customers/display";
import { formatCount, formatMoney } from "@/lib/format";

/** A stored diff read as an object (anything else reads as {}). */
export type DiffObject = Record<string, unknown>;

/** One line of an entry's details. */
export type AuditDetail =
  | { kind: "change"; label: string; from: string; to: string }
  | { kind: "value"; label: string; value: string }
  | { kind: "note"; text: string };

/** What describing needs besides the diff: the zone for dates, names for field keys and segment ids. */
export interface DescribeHelpers {
  timeZone: string;
  fieldLabel(key: string): string;
  segmentName(id: string): string;
}

/** Shown for an empty value. */
export const EMPTY = "—";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY_KEY = /(amount|total|spent|price|revenue|income|monetary)/i;

/** The diff's key as a string, or null. */
export function str(diff: DiffObject, key: string): string | null {
  const v = diff[key];
  return typeof v === "string" && v !== "" ? v : null;
}

/** The diff's key as a finite number, or null. */
export function num(diff: DiffObject, key: string): number | null {
  const v = diff[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** A list's items as "a, b, c", or null when empty or not a list. */
export function list(value: unknown): string | null {
  return Array.isArray(value) && value.length > 0 ? value.map((v) => formatValue(v)).join(", ") : null;
}

/** A { from, to } pair (either side may be missing), or null. */
export function changeOf(value: unknown): { from: unknown; to: unknown } | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => k === "from" || k === "to")) return null;
  const v = value as { from?: unknown; to?: unknown };
  return { from: v.from ?? null, to: v.to ?? null };
}

/** "createdUser" → "Created user", "api_key" → "Api key": a diff key as a label. */
export function humanizeKey(key: string): string {
  const words = key.replace(/[_.]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/** A JSON value as display text: dates in the zone, yes/no, counts with separators, lists joined. */
export function formatValue(value: unknown, timeZone = "UTC", key = ""): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return MONEY_KEY.test(key) ? formatMoney(value) : Number.isInteger(value) ? formatCount(value) : String(value);
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(new Date(value), timeZone);
    if (LOCAL_DATE.test(value)) return formatLocalDate(value);
    if (MONEY_KEY.test(key) && /^-?\d+(\.\d+)?$/.test(value)) return formatMoney(value);
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? EMPTY : value.map((v) => formatValue(v, timeZone, key)).join(", ");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.label === "string") return o.label;
    if (typeof o.name === "string") return o.name;
    const parts = Object.entries(o).map(([k, v]) => `${humanizeKey(k)}: ${formatValue(v, timeZone, k)}`);
    return parts.length > 0 ? parts.join("; ") : EMPTY;
  }
  return String(value);
}

/** Every key of a diff as a line: { from, to } as a change, an object of changes one level down, the rest as values. */
export function describeGeneric(diff: DiffObject, h: Pick<DescribeHelpers, "timeZone">): AuditDetail[] {
  const details: AuditDetail[] = [];
  for (const [key, value] of Object.entries(diff)) {
    const change = changeOf(value);
    if (change) {
      details.push({ kind: "change", label: humanizeKey(key), from: formatValue(change.from, h.timeZone, key), to: formatValue(change.to, h.timeZone, key) });
      continue;
    }
    const nested = value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value as DiffObject) : [];
    if (nested.length > 0 && nested.every(([, v]) => changeOf(v))) {
      for (const [k, v] of nested) {
        const c = changeOf(v)!;
        details.push({ kind: "change", label: humanizeKey(k), from: formatValue(c.from, h.timeZone, k), to: formatValue(c.to, h.timeZone, k) });
      }
      continue;
    }
    details.push({ kind: "value", label: humanizeKey(key), value: formatValue(value, h.timeZone, key) });
  }
  return details;
}

/** A detail line as plain text ("Role: Editor → Admin"), for the CSV and screen readers. */
export function detailText(detail: AuditDetail): string {
  if (detail.kind === "change") return `${detail.label}: ${detail.from} → ${detail.to}`;
  if (detail.kind === "value") return `${detail.label}: ${detail.value}`;
  return detail.text;
}
