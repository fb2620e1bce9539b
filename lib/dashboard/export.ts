/**
 * All members of a segment as a streamed CSV (the customer export's format: BOM, CRLF, field keys
 * as the header, spreadsheet formulas neutralized), read through a cursor batch by batch so memory
 * stays flat whatever the segment's size. The segment is evaluated once, when the cursor opens.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/lib/db/client";
import { CSV_BOM, csvRecord, neutralizeFormula } from "@/lib/customers/export-csv";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileWhere } from "@/lib/segments/compile";
import { prepareSegment } from "@/lib/segments/count-prepare";
import { localDateOf } from "@/lib/segments/time";
import type { DashboardSegment } from "./queries";

export const MEMBER_EXPORT_HEADER = ["id", "externalId", "email", "firstName", "lastName", "country", "lifecycleStage", "ordersCount", "totalSpent", "lastOrderAt"] as const;
const BATCH_ROWS = 2_000;
const IDLE_TIMEOUT = "10min";

type Row = Record<(typeof MEMBER_EXPORT_HEADER)[number], string | number | null>;

interface Cursor {
  fetch(rows: number): Promise<Row[]>;
  close(): Promise<void>;
}

/** PostgreSQL: a dedicated connection in one read-only snapshot for the whole file. */
async function postgresCursor(pool: NonNullable<Db["pgPool"]>, name: string, query: Prisma.Sql): Promise<Cursor> {
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
      return closed ? [] : (await client.query<Row>(`FETCH FORWARD ${rows} FROM ${name}`)).rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.query("COMMIT");
        client.release();
      } catch (e) {
        client.release(e instanceof Error ? e : true);
      }
    },
  };
}

/** PGlite: one connection for every request, so a WITH HOLD cursor (rows kept after DECLARE commits). */
async function pgliteCursor(db: Db, name: string, query: Prisma.Sql): Promise<Cursor> {
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

function cell(value: string | number | null): string {
  if (value === null) return "";
  return typeof value === "number" ? String(value) : neutralizeFormula(value);
}

/** "segment-high-value-2026-11-29.csv": the segment's name as a slug and today in the workspace's zone. */
export function memberExportFilename(segmentName: string, timeZone: string, now: Date = new Date()): string {
  const slug = segmentName.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "segment";
  return `segment-${slug}-${localDateOf(now.getTime(), timeZone)}.csv`;
}

/** The members of a segment (id order) as a CSV stream; writes an audit entry. */
export async function exportSegmentMembersCsv(
  ctx: { workspaceId: string; timeZone: string; userId: string | null },
  segment: DashboardSegment,
  options: { now?: Date; batchRows?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const prepared = await prepareSegment(ctx, segment.definition, options.now);
  const where = compileWhere(prepared.definition, prepared.catalog, prepared.options);
  const query = Prisma.sql`SELECT c."id"::text AS "id", c."externalId", c."email", c."firstName", c."lastName", c."country", c."lifecycleStage",
      c."ordersCount", c."totalSpent"::text AS "totalSpent", to_char(c."lastOrderAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastOrderAt"
    FROM "Customer" c WHERE ${where} ORDER BY c."id"`;
  const db = await getDb();
  await db.prisma.auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.userId, action: "segment.export", entityType: "segment", entityId: segment.id, diff: { columns: [...MEMBER_EXPORT_HEADER] } },
  });
  const name = `segment_export_${randomUUID().replaceAll("-", "")}`;
  const cursor = db.pgPool ? await postgresCursor(db.pgPool, name, query) : await pgliteCursor(db, name, query);
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRecord([...MEMBER_EXPORT_HEADER])));
    },
    async pull(controller) {
      try {
        const rows = await cursor.fetch(batchRows);
        let chunk = "";
        for (const row of rows) chunk += csvRecord(MEMBER_EXPORT_HEADER.map((key) => cell(row[key])));
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (rows.length < batchRows) {
          await cursor.close();
          controller.close();
        }
      } catch (e) {
        await cursor.close().catch(() => undefined);
        console.error("Segment member export failed mid-stream:", e);
        controller.error(e);
      }
    },
    async cancel() {
      await cursor.close();
    },
  });
}
