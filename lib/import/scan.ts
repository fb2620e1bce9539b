import "server-only";
import { openCsv, type CsvRow, type Delimiter } from "./csv";

/** A file's header, size in rows, first rows, and sample values per column (for detection and guesses). */
export interface FileScan {
  headers: string[];
  totalRows: number;
  head: CsvRow[];
  samples: string[][];
}

/** Rows shown in the mapping preview. */
export const PREVIEW_ROWS = 20;
/** Values per column that date detection and type guesses look at. */
export const SAMPLE_VALUES = 1000;

/**
 * Reads a whole file once: counts its data rows (blank rows aside), keeps the first rows and up to
 * SAMPLE_VALUES non-empty values per column. `countRows: false` stops after the samples.
 */
export async function scanFile(filePath: string, delimiter: Delimiter, options: { countRows?: boolean } = {}): Promise<FileScan> {
  const reader = await openCsv(filePath, delimiter);
  const samples: string[][] = reader.headers.map(() => []);
  const head: CsvRow[] = [];
  let totalRows = 0;
  let sampledRows = 0;
  for await (const row of reader.rows) {
    totalRows += 1;
    if (head.length < PREVIEW_ROWS) head.push(row);
    if (sampledRows < SAMPLE_VALUES * 2) {
      sampledRows += 1;
      row.cells.forEach((cell, i) => {
        const value = cell.trim();
        if (value !== "" && i < samples.length && samples[i].length < SAMPLE_VALUES) samples[i].push(value);
      });
    } else if (options.countRows === false) {
      reader.close();
      break;
    }
  }
  return { headers: reader.headers, totalRows, head, samples };
}
