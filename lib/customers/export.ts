import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/lib/db/client";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { localDateOf } from "@/lib/segments/time";
import { CSV_BOM, csvRecord, csvValue, exportColumnKeys } from "./export-csv";
import { toListRows } from "./list";
import { NAME_COLUMN_KEY } from "./list-columns";
import { exportCustomersInputSchema, type ExportCustomersInput } from "./list-schemas";
import { exportSql, resolveListQuery } from "./list-sql";
import type { CustomersContext } from "./types";

/** Rows per FETCH: about 1 MB of CSV, so memory stays flat whatever the export's size. */
export const EXPORT_BATCH_ROWS = 2_000;
// A download whose reader stalls this long gives its connection back (PostgreSQL ends the transaction).
const IDLE_TIMEOUT = "10min";

type Row = Record<string, unknown>;

/** A server-side cursor over one query: batches in order, then close (idempotent). */
interface Cursor {
  fetch(rows: number): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * PostgreSQL: a dedicated connection holds a read-only REPEATABLE READ transaction, so the file is
 * one consistent snapshot even while imports run, and rows stream as the plan produces them.
 */
async function openPostgresCursor(pool: NonNullable<Db["pgPool"]>, name: string, query: Prisma.Sql): Promise<Cursor> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${IDLE_TIMEOUT}'`);
    await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${query.text}`, query.values);
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release();
    throw e;
  }
  let closed = false;
  return {
    async fetch(rows) {
      if (closed) return [];
      return (await client.query<Row>(`FETCH FORWARD ${rows} FROM ${name}`)).rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.query("COMMIT");
        client.release();
      } catch (e) {
        client.release(e instanceof Error ? e : true); // a broken connection is discarded, not pooled
      }
    },
  };
}

/**
 * PGlite: one connection serves every request, so no transaction may span the download. A WITH
 * HOLD cursor keeps its rows (in a temporary file past work_mem) once the DECLARE commits, and
 * other requests run between batches.
 */
async function openPgliteCursor(db: Db, name: string, query: Prisma.Sql): Promise<Cursor> {
  await db.sql.query(`DECLARE ${name} NO SCROLL CURSOR WITH HOLD FOR ${query.text}`, query.values);
  let closed = false;
  return {
    async fetch(rows) {
      return closed ? [] : db.sql.query<Row>(`FETCH FORWARD ${rows} FROM ${name}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.sql.query(`CLOSE ${name}`).catch(() => undefined);
    },
  };
}

function openCursor(db: Db, query: Prisma.Sql): Promise<Cursor> {
  const name = `customer_export_${randomUUID().replaceAll("-", "")}`;
  return db.pgPool ? openPostgresCursor(db.pgPool, name, query) : openPgliteCursor(db, name, query);
}

/** What an export is called (filename aside) and how it is read. */
export interface CustomerExport {
  /** The CSV: BOM, header, then one record per customer, produced batch by batch as it is read. */
  stream: ReadableStream<Uint8Array>;
  /** The header's keys: id, then the export's columns. */
  header: string[];
}

/**
 * The customers of a view (search, sort, the name and the chosen columns; see exportColumnKeys) as a streamed CSV in the
 * table's order, read through a cursor in batches of EXPORT_BATCH_ROWS. Writes an audit entry.
 */
export async function exportCustomersCsv(
  ctx: CustomersContext,
  input: ExportCustomersInput,
  options: { catalog?: FieldCatalog; now?: Date; batchRows?: number } = {},
): Promise<CustomerExport> {
  const view = exportCustomersInputSchema.parse(input);
  const catalog = options.catalog ?? (await getCatalog(ctx));
  const today = localDateOf((options.now ?? new Date()).getTime(), ctx.timeZone);
  // The table always shows the name first; the file does too (as firstName, lastName).
  const query = resolveListQuery(catalog, { ...view, columns: exportColumnKeys([NAME_COLUMN_KEY, ...view.columns]) }, { workspaceId: ctx.workspaceId, today });
  const header = ["id", ...query.columns.map((c) => c.column.key)];
  const batchRows = options.batchRows ?? EXPORT_BATCH_ROWS;
  const db = await getDb();

  await db.prisma.auditLog.create({
    data: {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: "customer.export",
      entityType: "customer",
      diff: { search: view.search, sort: view.sort, direction: view.direction, columns: header },
    },
  });
  const cursor = await openCursor(db, exportSql(query));
  const encoder = new TextEncoder();
  // The next batch is fetched while this one is encoded: the database and Node work side by side.
  let prefetched: Promise<Row[]> | null = null;
  const fetchAhead = () => {
    prefetched = cursor.fetch(batchRows);
    prefetched.catch(() => undefined); // a failure surfaces when the batch is awaited
  };

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRecord(header)));
    },
    async pull(controller) {
      try {
        const batch = await (prefetched ?? cursor.fetch(batchRows));
        prefetched = null;
        if (batch.length === batchRows) fetchAhead();
        const rows = toListRows(query, batch);
        let chunk = "";
        for (const row of rows) chunk += csvRecord([row.id, ...query.columns.map((c) => csvValue(c.column.type, row.values[c.column.key] ?? null))]);
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (rows.length < batchRows) {
          await cursor.close();
          controller.close();
        }
      } catch (e) {
        await cursor.close().catch(() => undefined);
        console.error("Customer export failed mid-stream:", e);
        controller.error(e);
      }
    },
    async cancel() {
      await cursor.close();
    },
  });
  return { stream, header };
}
