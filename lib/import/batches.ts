import "server-only";
import { openCsv, type CsvRow, type Delimiter } from "./csv";
import type { PlannedColumn } from "./plan";
import { rawCell } from "./rows";

/**
 * Rows per transaction: big enough for set-based SQL to pay off, small enough to keep locks short.
 * Embedded PGlite has one connection for everything, so its batches are smaller and the import
 * pauses between them: pages stay responsive while a large file imports.
 */
export const BATCH_ROWS = { postgres: 1000, pglite: 250 } as const;

/** Consecutive batches of rows. */
export async function* rowBatches(rows: AsyncIterable<CsvRow>, size: number): AsyncGenerator<CsvRow[]> {
  let batch: CsvRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The last row number of each order id in the file (one extra pass), so an order's lines stay in one batch. */
export async function lastRowOfOrders(filePath: string, delimiter: Delimiter, idColumn: PlannedColumn): Promise<Map<string, number>> {
  const reader = await openCsv(filePath, delimiter);
  const last = new Map<string, number>();
  for await (const row of reader.rows) {
    const id = rawCell(row, idColumn).trim();
    if (id !== "") last.set(id, row.rowNumber);
  }
  return last;
}

/**
 * Batches of an orders file that never split an order: a batch ends only where every order begun
 * in it has had its last row, even when an order's rows are spread through the file. Every batch
 * is then a prefix of what remains, so the count of processed rows is enough to resume.
 */
export async function* orderBatches(rows: AsyncIterable<CsvRow>, idColumn: PlannedColumn, last: Map<string, number>, size: number): AsyncGenerator<CsvRow[]> {
  let batch: CsvRow[] = [];
  const open = new Set<string>();
  for await (const row of rows) {
    batch.push(row);
    const id = rawCell(row, idColumn).trim();
    if (id !== "") {
      if ((last.get(id) ?? row.rowNumber) > row.rowNumber) open.add(id);
      else open.delete(id);
    }
    if (batch.length >= size && open.size === 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The rows after the first `count` (a resumed job's processed rows), each skipped row passed to onSkip. */
export async function* afterFirst(rows: AsyncIterable<CsvRow>, count: number, onSkip: (row: CsvRow) => void): AsyncGenerator<CsvRow> {
  let skipped = 0;
  for await (const row of rows) {
    if (skipped < count) {
      skipped += 1;
      onSkip(row);
      continue;
    }
    yield row;
  }
}
