/**
 * Streaming a query's rows out as CSV without holding them: a server-side cursor read batch by
 * batch, each batch turned into CSV text while the next one is fetched. The customer export and
 * the segment member export both read through here.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./client";

// A download whose reader stalls this long gives its connection back (PostgreSQL ends the transaction).
const IDLE_TIMEOUT = "10min";

/** A server-side cursor over one query: batches in order, then close (idempotent). */
interface Cursor<Row> {
  fetch(rows: number): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * PostgreSQL: a dedicated connection holds a read-only REPEATABLE READ transaction, so the file is
 * one consistent snapshot even while imports run, and rows stream as the plan produces them.
 */
async function openPostgresCursor<Row>(pool: NonNullable<Db["pgPool"]>, name: string, query: Prisma.Sql): Promise<Cursor<Row>> {
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
      return (await client.query(`FETCH FORWARD ${rows} FROM ${name}`)).rows as Row[];
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
async function openPgliteCursor<Row>(db: Db, name: string, query: Prisma.Sql): Promise<Cursor<Row>> {
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

/**
 * The query's rows as a CSV stream: `head` first, then `toCsv` of each batch of `batchRows` rows,
 * the next batch fetched while this one is encoded. The cursor closes at the end, on an error
 * (logged with `label`) and when the reader cancels. The cursor is named `cursorPrefix`_<uuid>.
 */
export async function streamCsvFromQuery<Row>(
  db: Db,
  query: Prisma.Sql,
  options: { head: string; batchRows: number; toCsv: (rows: Row[]) => string; label: string; cursorPrefix: string },
): Promise<ReadableStream<Uint8Array>> {
  const name = `${options.cursorPrefix}_${randomUUID().replaceAll("-", "")}`;
  const cursor = db.pgPool ? await openPostgresCursor<Row>(db.pgPool, name, query) : await openPgliteCursor<Row>(db, name, query);
  const { batchRows } = options;
  const encoder = new TextEncoder();
  let prefetched: Promise<Row[]> | null = null;
  const fetchAhead = () => {
    prefetched = cursor.fetch(batchRows);
    prefetched.catch(() => undefined); // a failure surfaces when the batch is awaited
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(options.head));
    },
    async pull(controller) {
      try {
        const batch = await (prefetched ?? cursor.fetch(batchRows));
        prefetched = null;
        if (batch.length === batchRows) fetchAhead();
        const chunk = options.toCsv(batch);
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (batch.length < batchRows) {
          await cursor.close();
          controller.close();
        }
      } catch (e) {
        await cursor.close().catch(() => undefined);
        console.error(`${options.label} failed mid-stream:`, e);
        controller.error(e);
      }
    },
    async cancel() {
      await cursor.close();
    },
  });
}
