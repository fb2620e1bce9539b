import "server-only";
import { getDb } from "@/lib/db/client";
import type { FieldCatalog } from "@/lib/fields/types";
import { openCsv, type CsvRow, type Delimiter } from "./csv";
import { customerRowReader } from "./customer-rows";
import { eventRowReader } from "./event-rows";
import { orderRowReader, type CustomerRef } from "./order-rows";
import { resolveCustomers } from "./order-writes";
import type { ImportPlan } from "./plan";
import { checked } from "./processors";
import type { RowResult } from "./rows";
import type { ImportContext } from "./types";

/** Rows of the whole file, and how many of them the mapping would not import. */
export interface FileCheckResult {
  total: number;
  failing: number;
}

const LOOKUP_BATCH = 2000;

/** A row reader for a plan that names, for orders and events, the customer a valid row belongs to. */
export function linkedReader(plan: ImportPlan, catalog: FieldCatalog, timeZone: string): (row: CsvRow) => RowResult<{ customer?: CustomerRef }> {
  if (plan.type === "customers") {
    const read = checked(plan, customerRowReader(plan, catalog, timeZone));
    return (row) => {
      const result = read(row);
      return result.ok ? { ok: true, row: {} } : result;
    };
  }
  if (plan.type === "orders") {
    const reader = orderRowReader(plan, timeZone);
    return checked(plan, (row) => reader.read(row));
  }
  return checked(plan, eventRowReader(plan, timeZone));
}

/**
 * Reads every row of a pending upload through the run's own readers (the same validation, no
 * writes) and counts the rows that would fail, including orders and events whose customer does
 * not exist. The start button asks before skipping them. Rows are looked up in batches, and the
 * event loop is let go between them so a large file does not hold up other requests.
 */
export async function checkFile(ctx: Pick<ImportContext, "workspaceId" | "timeZone">, file: { filePath: string; delimiter: Delimiter }, plan: ImportPlan, catalog: FieldCatalog): Promise<FileCheckResult> {
  const { sql } = await getDb();
  const read = linkedReader(plan, catalog, ctx.timeZone);
  const reader = await openCsv(file.filePath, file.delimiter);
  let total = 0;
  let failing = 0;
  let refs: CustomerRef[] = [];
  const lookUp = async () => {
    const found = await resolveCustomers(sql, ctx.workspaceId, refs);
    failing += refs.filter((ref) => !found(ref)).length;
    refs = [];
  };
  for await (const row of reader.rows) {
    total += 1;
    const result = read(row);
    if (!result.ok) failing += 1;
    else if (result.row.customer) refs.push(result.row.customer);
    if (refs.length >= LOOKUP_BATCH) await lookUp();
    if (total % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (refs.length > 0) await lookUp();
  return { total, failing };
}
