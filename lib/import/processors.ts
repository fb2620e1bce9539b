import "server-only";
import type { SqlDriver } from "@/lib/db/client";
import type { FieldCatalog } from "@/lib/fields/types";
import { lastRowOfOrders, orderBatches, rowBatches } from "./batches";
import type { CsvRow, Delimiter } from "./csv";
import { customerRowReader, type CustomerRow } from "./customer-rows";
import { writeCustomers, type ImportOrigin } from "./customer-writes";
import { eventRowReader, type EventLine } from "./event-rows";
import { writeEvents } from "./event-writes";
import { mergeOrder, orderRowReader, type OrderDraft, type OrderLine } from "./order-rows";
import { writeOrders } from "./order-writes";
import { emptyOutcome, writeWithFallback, type Refusal, type WriteOutcome } from "./outcome";
import type { ImportPlan } from "./plan";
import { extraValuesProblem, rowErrors, type RowError, type RowResult } from "./rows";

/** A batch read and validated, ready to write: the units to write and the errors of invalid rows. */
export interface PreparedBatch {
  rows: number;
  write(tx: SqlDriver): Promise<WriteOutcome>;
}

/** How one import type reads, batches, validates and writes rows. */
export interface Processor {
  batches(rows: AsyncIterable<CsvRow>): AsyncIterable<CsvRow[]>;
  /** Sees a row that a resumed job already processed. */
  skip(row: CsvRow): void;
  /** Reads and validates a batch (CPU only, no database), in file order. */
  prepare(rows: readonly CsvRow[]): Promise<PreparedBatch>;
}

export interface ProcessorInput {
  /** Rows per batch (an order's rows may make a batch longer). */
  batchRows: number;
  workspaceId: string;
  timeZone: string;
  catalog: FieldCatalog;
  filePath: string;
  delimiter: Delimiter;
  /** The job and who started it, recorded with the consents a customer import changes. */
  origin: ImportOrigin;
}

/** Splits read rows into the valid ones and the errors of the others. */
export function splitRows<T>(results: readonly RowResult<T>[]): { valid: T[]; errors: RowError[] } {
  const valid: T[] = [];
  const errors: RowError[] = [];
  for (const r of results) {
    if (r.ok) valid.push(r.row);
    else errors.push(...rowErrors(r));
  }
  return { valid, errors };
}

function refused(plan: ImportPlan, rowNumbers: readonly number[], refusal: Refusal): WriteOutcome {
  const column = refusal.target ? (plan.column(refusal.target)?.header ?? null) : null;
  return { ...emptyOutcome(), errors: rowNumbers.map((rowNumber) => ({ rowNumber, column, value: null, reason: refusal.reason })) };
}

function withErrors(outcome: WriteOutcome, errors: readonly RowError[]): WriteOutcome {
  return { ...outcome, errors: [...errors, ...outcome.errors] };
}

/** Reads rows in slices, letting the event loop run in between (the previous batch's queries progress meanwhile). */
export async function readInSlices<T>(rows: readonly CsvRow[], read: (row: CsvRow) => T, slice = 100): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += slice) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const row of rows.slice(i, i + slice)) out.push(read(row));
  }
  return out;
}

/** A reader that first refuses rows with more values than the file has columns. */
export function checked<T>(plan: ImportPlan, read: (row: CsvRow) => RowResult<T>): (row: CsvRow) => RowResult<T> {
  return (row) => extraValuesProblem(row, plan.headers.length) ?? read(row);
}

function customerProcessor(plan: ImportPlan, input: ProcessorInput): Processor {
  const read = checked(plan, customerRowReader(plan, input.catalog, input.timeZone));
  return {
    batches: (rows) => rowBatches(rows, input.batchRows),
    skip: () => undefined,
    async prepare(rows) {
      const { valid, errors } = splitRows(await readInSlices(rows, read));
      return {
        rows: rows.length,
        write: async (tx) => withErrors(await writeWithFallback<CustomerRow>(
          tx, valid,
          (items) => writeCustomers(tx, input.workspaceId, plan, items, input.origin),
          (item, refusal) => refused(plan, [item.rowNumber], refusal),
        ), errors),
      };
    },
  };
}

function eventProcessor(plan: ImportPlan, input: ProcessorInput): Processor {
  const read = checked(plan, eventRowReader(plan, input.timeZone));
  return {
    batches: (rows) => rowBatches(rows, input.batchRows),
    skip: () => undefined,
    async prepare(rows) {
      const { valid, errors } = splitRows(await readInSlices(rows, read));
      return {
        rows: rows.length,
        write: async (tx) => withErrors(await writeWithFallback<EventLine>(
          tx, valid,
          (items) => writeEvents(tx, input.workspaceId, plan, items),
          (item, refusal) => refused(plan, [item.rowNumber], refusal),
        ), errors),
      };
    },
  };
}

// Rows of one order stand or fall together: one bad row fails the order's other rows too.
function orderDrafts(plan: ImportPlan, results: readonly RowResult<OrderLine>[], keys: readonly string[]): { drafts: OrderDraft[]; errors: RowError[] } {
  const groups = new Map<string, OrderLine[]>();
  const badRow = new Map<string, number>();
  const errors: RowError[] = [];
  results.forEach((r, i) => {
    if (r.ok) (groups.get(r.row.key) ?? groups.set(r.row.key, []).get(r.row.key)!).push(r.row);
    else {
      errors.push(...rowErrors(r));
      if (keys[i] !== "" && !badRow.has(keys[i])) badRow.set(keys[i], r.rowNumber);
    }
  });
  const drafts: OrderDraft[] = [];
  for (const [key, lines] of groups) {
    const bad = badRow.get(key);
    if (bad !== undefined) {
      const reason = `Row ${bad} of order "${key}" is invalid, so the whole order was not imported.`;
      errors.push(...lines.map((l) => ({ rowNumber: l.rowNumber, column: null, value: null, reason })));
      continue;
    }
    const merged = mergeOrder(plan, lines);
    if (merged.ok) drafts.push(merged.order);
    else errors.push(...merged.errors);
  }
  return { drafts, errors };
}

async function orderProcessor(plan: ImportPlan, input: ProcessorInput): Promise<Processor> {
  const reader = orderRowReader(plan, input.timeZone);
  const read = checked(plan, (row) => reader.read(row));
  const idColumn = plan.column("orderId");
  const last = idColumn ? await lastRowOfOrders(input.filePath, input.delimiter, idColumn) : null;
  return {
    batches: (rows) => (idColumn && last ? orderBatches(rows, idColumn, last, input.batchRows) : rowBatches(rows, input.batchRows)),
    skip: (row) => reader.skip(row),
    async prepare(rows) {
      const results = await readInSlices(rows, read);
      const keys = rows.map((row) => (idColumn ? (row.cells[idColumn.index] ?? "").trim() : ""));
      const { drafts, errors } = orderDrafts(plan, results, keys);
      return {
        rows: rows.length,
        write: async (tx) => withErrors(await writeWithFallback<OrderDraft>(
          tx, drafts,
          (items) => writeOrders(tx, input.workspaceId, plan, items),
          (item, refusal) => refused(plan, item.rowNumbers, refusal),
        ), errors),
      };
    },
  };
}

/** The processor of a plan's import type. */
export async function createProcessor(plan: ImportPlan, input: ProcessorInput): Promise<Processor> {
  if (plan.type === "customers") return customerProcessor(plan, input);
  if (plan.type === "events") return eventProcessor(plan, input);
  return orderProcessor(plan, input);
}
