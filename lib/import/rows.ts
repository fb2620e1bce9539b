/**
 * What the row readers produce and share: a validated row or the problems of an invalid one,
 * and parsing one mapped cell with the catalog's parseFieldValue. Pure.
 */
import { parseFieldValue, type ParseOptions } from "@/lib/customers/values";
import type { CsvRow } from "./csv";
import { cellText, type CellProblem, type PlannedColumn } from "./plan";

/** The outcome of reading one row. */
export type RowResult<T> = { ok: true; row: T } | { ok: false; rowNumber: number; problems: CellProblem[] };

/** A problem tied to a row, as stored in ImportRowError. */
export interface RowError extends CellProblem {
  rowNumber: number;
}

/** The errors of an invalid row, for the report. */
export function rowErrors(result: Extract<RowResult<unknown>, { ok: false }>): RowError[] {
  return result.problems.map((p) => ({ rowNumber: result.rowNumber, ...p }));
}

/** The raw cell of a column in a row (missing trailing cells are empty). */
export function rawCell(row: CsvRow, column: PlannedColumn): string {
  return row.cells[column.index] ?? "";
}

/**
 * Parses a mapped cell with its target's field definition (dates first rewritten from the
 * column's format): the stored value (empty → null) or the problem, at the column.
 */
export function parseCell(row: CsvRow, column: PlannedColumn, options: ParseOptions): CellResult {
  const raw = rawCell(row, column);
  const cell = cellText(column, raw, options.timeZone);
  if (!cell.ok) return cell;
  if (!column.target.field) return { ok: true, value: cell.text === "" ? null : cell.text };
  const parsed = parseFieldValue(column.target.field, cell.text, options);
  if (parsed.ok) return parsed;
  return { ok: false, problem: { column: column.header, value: raw.trim(), reason: parsed.message } };
}

/** A parsed cell: its stored value (empty → null), or the problem. */
export type CellResult = { ok: true; value: unknown } | { ok: false; problem: CellProblem };

/**
 * The problem of a row with more values than the file has columns (usually a delimiter inside an
 * unquoted value), or null. Extra empty values (a trailing delimiter) are ignored.
 */
export function extraValuesProblem(row: CsvRow, columnCount: number): RowResult<never> | null {
  if (row.cells.length <= columnCount || row.cells.slice(columnCount).every((c) => c.trim() === "")) return null;
  const reason = `This row has ${row.cells.length} values but the file has ${columnCount} columns. A value containing the delimiter must be in double quotes.`;
  return { ok: false, rowNumber: row.rowNumber, problems: [{ column: null, value: row.cells.slice(columnCount).join(" | ").slice(0, 200), reason }] };
}
