/**
 * Choices made for a whole file at once: the date format of each date column (given for all, or
 * detected from the column's values) for the command line and the mapping step's defaults. Pure.
 */
import { detectDateFormat, type DateDetection, type DateFormat } from "./dates";
import type { ColumnMapping } from "./mapping";
import type { ColumnChoice } from "./schemas";
import { findTarget, type ImportTarget, type ImportType } from "./targets";

/** A column whose dates are ambiguous: what was chosen and what else would fit. */
export interface AmbiguousDates {
  header: string;
  chosen: DateFormat;
  candidates: DateFormat[];
}

/** Adds date formats to mapped columns: `given` for every date column, else the format detected in its samples. */
export function withDateFormats(
  type: ImportType,
  headers: readonly string[],
  columns: readonly ColumnMapping[],
  targets: readonly ImportTarget[],
  samples: readonly (readonly string[])[],
  given?: DateFormat,
): { columns: ColumnChoice[]; ambiguous: AmbiguousDates[] } {
  const ambiguous: AmbiguousDates[] = [];
  const result = columns.map((column): ColumnChoice => {
    const target = findTarget(targets, type, column.target);
    if (!target || (target.type !== "date" && target.type !== "datetime")) return column;
    if (given) return { ...column, dateFormat: given };
    const detected: DateDetection | null = detectDateFormat(samples[column.index] ?? []);
    if (!detected) return column;
    if (detected.ambiguous) ambiguous.push({ header: headers[column.index], chosen: detected.format, candidates: detected.candidates });
    return { ...column, dateFormat: detected.format };
  });
  return { columns: result, ambiguous };
}
