/**
 * An import plan: the user's choices checked against the file's headers and the targets of the
 * import type, ready for the row readers. Every problem is one clear sentence. Pure.
 */
import { AppError } from "@/lib/errors";
import { dateCellInstant, dateCellIso, parseDateCell, type DateFormat } from "./dates";
import { DEFAULT_NUMBER_FORMAT, numberCellText, type NumberFormat } from "./numbers";
import type { ImportChoices, MatchKey, OnExisting } from "./schemas";
import { findTarget, propertyName, type ImportTarget, type ImportType } from "./targets";

/** A mapped column as the readers use it. */
export interface PlannedColumn {
  index: number;
  header: string;
  target: ImportTarget;
  dateFormat: DateFormat;
  numberFormat: NumberFormat;
}

export interface ImportPlan {
  type: ImportType;
  headers: readonly string[];
  columns: PlannedColumn[];
  match: MatchKey;
  onExisting: OnExisting;
  /** The column mapped to a target key, if any. */
  column(targetKey: string): PlannedColumn | undefined;
}

/** Rows are matched on this target of a customer import. */
export const MATCH_LABELS: Readonly<Record<MatchKey, string>> = { email: "Email", externalId: "External ID" };

function describeHeader(headers: readonly string[], index: number): string {
  return headers[index] ? `"${headers[index]}"` : `column ${index + 1}`;
}

function requirements(type: ImportType, has: (key: string) => boolean, match: MatchKey): string[] {
  const problems: string[] = [];
  const customerKey = has("customerEmail") || has("customerExternalId");
  if (type === "customers" && !has(match)) {
    problems.push(`Rows are matched on ${MATCH_LABELS[match]}, so map a column to ${MATCH_LABELS[match]} (or match on ${match === "email" ? "External ID" : "Email"}).`);
  }
  if (type !== "customers" && !customerKey) problems.push("Map a column to Customer email or Customer external ID: every row must name its customer.");
  if (type === "orders" && !has("placedAt")) problems.push("Map a column to Placed at: every order needs its date.");
  if (type === "orders" && !has("total") && !has("itemUnitPrice")) problems.push("Map a column to Total or to Item unit price: an order needs a total, or item prices to add up.");
  if (type === "events" && !has("name")) problems.push("Map a column to Event name.");
  if (type === "events" && !has("occurredAt")) problems.push("Map a column to Occurred at: every event needs its time.");
  return problems;
}

/** Checks the choices against the headers and targets; throws one AppError listing every problem. */
export function buildPlan(type: ImportType, headers: readonly string[], choices: ImportChoices, targets: readonly ImportTarget[]): ImportPlan {
  const problems: string[] = [];
  const columns: PlannedColumn[] = [];
  const byTarget = new Map<string, PlannedColumn>();
  const usedIndexes = new Set<number>();
  for (const choice of choices.columns) {
    if (choice.index >= headers.length) {
      problems.push(`The file has ${headers.length} columns; there is no column ${choice.index + 1}.`);
      continue;
    }
    const target = findTarget(targets, type, choice.target);
    if (!target) {
      problems.push(`${describeHeader(headers, choice.index)} maps to "${choice.target}", which is not something a ${type} import can fill.`);
      continue;
    }
    if (type === "events" && propertyName(target.key)?.includes(".")) {
      problems.push(`Event property names cannot contain ".": rename the property of ${describeHeader(headers, choice.index)}.`);
      continue;
    }
    if (usedIndexes.has(choice.index)) {
      problems.push(`${describeHeader(headers, choice.index)} is mapped twice.`);
      continue;
    }
    const earlier = byTarget.get(target.key);
    if (earlier) {
      problems.push(`${earlier.header ? `"${earlier.header}"` : "A column"} and ${describeHeader(headers, choice.index)} both map to ${target.label}: map one of them to something else or skip it.`);
      continue;
    }
    const column: PlannedColumn = { index: choice.index, header: headers[choice.index], target, dateFormat: choice.dateFormat ?? "YYYY-MM-DD", numberFormat: choice.numberFormat ?? DEFAULT_NUMBER_FORMAT };
    usedIndexes.add(choice.index);
    byTarget.set(target.key, column);
    columns.push(column);
  }
  problems.push(...requirements(type, (key) => byTarget.has(key), choices.match));
  if (problems.length > 0) throw new AppError("invalid", problems.join("\n"));
  return { type, headers, columns, match: choices.match, onExisting: choices.onExisting, column: (key) => byTarget.get(key) };
}

/** A problem with one cell, for the error report. */
export interface CellProblem {
  column: string | null;
  value: string | null;
  reason: string;
}

/**
 * The text a parser receives for a cell: trimmed; numbers rewritten from the column's format to
 * plain digits ("54,700" → "54700", see numbers.ts); dates rewritten from the column's format to
 * ISO ("31-01-2024" → "2024-01-31"); date-times as the UTC instant they denote, a time without a
 * zone being read in the workspace's zone. A date or number that does not fit is a problem.
 */
export function cellText(column: PlannedColumn, raw: string | undefined, timeZone: string): { ok: true; text: string } | { ok: false; problem: CellProblem } {
  const text = (raw ?? "").trim();
  const type = column.target.type;
  if (text !== "" && (type === "number" || type === "money")) {
    const number = numberCellText(text, column.numberFormat);
    return number.ok ? number : { ok: false, problem: { column: column.header, value: text, reason: number.reason } };
  }
  if (text === "" || (type !== "date" && type !== "datetime")) return { ok: true, text };
  const parsed = parseDateCell(text, column.dateFormat);
  if (!parsed) {
    const reason = `"${text}" is not a ${type === "date" ? "date" : "date and time"} in the format ${column.dateFormat}.`;
    return { ok: false, problem: { column: column.header, value: text, reason } };
  }
  // A date field keeps the calendar date of "2024-01-31 00:00" exports.
  if (type === "date") return { ok: true, text: parsed.date };
  const instant = dateCellInstant(parsed, timeZone);
  return { ok: true, text: Number.isFinite(instant.getTime()) ? instant.toISOString() : dateCellIso(parsed) };
}
