/**
 * How the customer table shows values: money in currency, dates and times in the workspace's
 * time zone, option labels instead of keys, lists as items. Formatted on the server so the
 * browser renders exactly what the server did (no time-zone or locale drift). Pure.
 */
import { textValueLabel } from "@/lib/fields/value-labels";
import { formatMoney } from "@/lib/format";
import { CONSENT_LABELS } from "./consent";
import type { ListColumn } from "./list-columns";
import type { CustomerListPage, ListValue } from "./list";

/** A formatted cell: the text, and for times the ISO instant and the full date and time (a tooltip). */
export interface CellDisplay {
  text: string;
  /** Lists: one item each (shown as pills). */
  items?: string[];
  /** Dates and times: the machine-readable value for <time dateTime>. */
  dateTime?: string;
  title?: string;
}

/** A row as the table renders it. */
export interface DisplayRow {
  id: string;
  cells: Record<string, CellDisplay | null>;
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function optionLabel(column: ListColumn, key: string): string {
  return column.options?.find((o) => o.key === key)?.label ?? key;
}

function dateTimeFormats(timeZone: string) {
  return {
    short: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }),
    long: new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "long", timeZone }),
  };
}

type Formats = ReturnType<typeof dateTimeFormats>;

function formatValue(column: ListColumn, value: Exclude<ListValue, null>, formats: Formats): CellDisplay {
  if (Array.isArray(value)) {
    const items = column.type === "multiselect" ? value.map((k) => optionLabel(column, k)) : value;
    return { text: items.join(", "), items };
  }
  if (typeof value === "boolean") return { text: value ? "Yes" : "No" };
  switch (column.type) {
    case "money":
      return { text: formatMoney(value) };
    case "number":
      return { text: Number.isFinite(Number(value)) ? numberFormat.format(Number(value)) : value };
    case "select":
      return { text: optionLabel(column, value) };
    case "date": {
      const date = new Date(`${value}T00:00:00Z`);
      return Number.isFinite(date.getTime()) ? { text: dateOnly.format(date), dateTime: value } : { text: value };
    }
    case "datetime": {
      const instant = new Date(value);
      return Number.isFinite(instant.getTime()) ? { text: formats.short.format(instant), dateTime: value, title: formats.long.format(instant) } : { text: value };
    }
    default: {
      // Coded text (country, language, source…) reads as its name; the stored code is the tooltip.
      const text = textValueLabel(column.key, value);
      return text === value ? { text } : { text, title: value };
    }
  }
}

// An empty value shows as a dash, except consent's, which is a state of its own: "Never asked".
function emptyCell(column: ListColumn): CellDisplay | null {
  return column.key === "emailOptIn" ? { text: CONSENT_LABELS.neverAsked } : null;
}

/** The display of one value in one column; null for an empty value (consent: "Never asked"). */
export function formatListValue(column: ListColumn, value: ListValue, timeZone: string): CellDisplay | null {
  return value === null ? emptyCell(column) : formatValue(column, value, dateTimeFormats(timeZone));
}

/** The page's rows formatted for display, dates and times in timeZone. */
export function formatListRows(page: Pick<CustomerListPage, "rows" | "columns">, timeZone: string): DisplayRow[] {
  const formats = dateTimeFormats(timeZone);
  return page.rows.map((row) => {
    const cells: Record<string, CellDisplay | null> = {};
    for (const column of page.columns) {
      const value = row.values[column.key] ?? null;
      cells[column.key] = value === null ? emptyCell(column) : formatValue(column, value, formats);
    }
    return { id: row.id, cells };
  });
}
