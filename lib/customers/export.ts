import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { streamCsvFromQuery } from "@/lib/db/csv-export";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import { localDateOf } from "@/lib/segments/time";
import { CSV_BOM, csvRecord, csvValue, exportColumnKeys } from "./export-csv";
import { toListRows } from "./list";
import { segmentFilterSql } from "./list-segment";
import { NAME_COLUMN_KEY } from "./list-columns";
import { exportCustomersInputSchema, type ExportCustomersInput } from "./list-schemas";
import { exportSql, resolveListQuery } from "./list-sql";
import type { CustomersContext } from "./types";

/** Rows per FETCH: about 1 MB of CSV, so memory stays flat whatever the export's size. */
export const EXPORT_BATCH_ROWS = 2_000;

type Row = Record<string, unknown>;

/** What an export is called (filename aside) and how it is read. */
export interface CustomerExport {
  /** The CSV: BOM, header, then one record per customer, produced batch by batch as it is read. */
  stream: ReadableStream<Uint8Array>;
  /** The header's keys: id, then the export's columns. */
  header: string[];
}

/**
 * The customers of a view (search, segment filter, sort, the name and the chosen columns; see exportColumnKeys) as a streamed CSV in the
 * table's order, read through a cursor in batches of EXPORT_BATCH_ROWS. Writes an audit entry.
 */
export async function exportCustomersCsv(
  ctx: CustomersContext,
  input: ExportCustomersInput,
  options: { catalog?: FieldCatalog; now?: Date; batchRows?: number } = {},
): Promise<CustomerExport> {
  const view = exportCustomersInputSchema.parse(input);
  const now = options.now ?? new Date();
  const catalog = options.catalog ?? (await getCatalog(ctx));
  const filter = view.segment ? await segmentFilterSql(ctx, view.segment, now) : undefined;
  const today = localDateOf(now.getTime(), ctx.timeZone);
  // The table always shows the name first; the file does too (as firstName, lastName).
  const query = resolveListQuery(catalog, { ...view, columns: exportColumnKeys([NAME_COLUMN_KEY, ...view.columns]) }, { workspaceId: ctx.workspaceId, today, filter });
  const header = ["id", ...query.columns.map((c) => c.column.key)];
  const batchRows = options.batchRows ?? EXPORT_BATCH_ROWS;
  const db = await getDb();

  await recordAudit(db.prisma, ctx, {
    action: "customer.export",
    entityType: "customer",
    diff: { search: view.search, sort: view.sort, direction: view.direction, columns: header, segment: view.segment },
  });
  const stream = await streamCsvFromQuery<Row>(db, exportSql(query), {
    head: CSV_BOM + csvRecord(header),
    batchRows,
    cursorPrefix: "customer_export",
    label: "Customer export",
    toCsv: (batch) => {
      let chunk = "";
      for (const row of toListRows(query, batch)) chunk += csvRecord([row.id, ...query.columns.map((c) => csvValue(c.column.type, row.values[c.column.key] ?? null))]);
      return chunk;
    },
  });
  return { stream, header };
}
