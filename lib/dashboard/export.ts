/**
 * All members of a segment as a streamed CSV (the customer export's format: BOM, CRLF, field keys
 * as the header, spreadsheet formulas neutralized), read through a cursor batch by batch so memory
 * stays flat whatever the segment's size. The members are the stored ones when usable (see
 * lib/membership/read), else the segment is evaluated once, when the cursor opens.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { streamCsvFromQuery } from "@/lib/db/csv-export";
import { CSV_BOM, csvRecord, neutralizeFormula } from "@/lib/customers/export-csv";
import { Prisma } from "@/lib/generated/prisma/client";
import { segmentMembersWhere } from "@/lib/membership/read";
import { localDateOf } from "@/lib/segments/time";
import type { DashboardSegment } from "./queries";

export const MEMBER_EXPORT_HEADER = ["id", "externalId", "email", "firstName", "lastName", "country", "lifecycleStage", "ordersCount", "totalSpent", "lastOrderAt"] as const;
const BATCH_ROWS = 2_000;

type Row = Record<(typeof MEMBER_EXPORT_HEADER)[number], string | number | null>;

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
  const { where } = await segmentMembersWhere(ctx, segment, options.now);
  const query = Prisma.sql`SELECT c."id"::text AS "id", c."externalId", c."email", c."firstName", c."lastName", c."country", c."lifecycleStage",
      c."ordersCount", c."totalSpent"::text AS "totalSpent", to_char(c."lastOrderAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastOrderAt"
    FROM "Customer" c WHERE ${where} ORDER BY c."id"`;
  const db = await getDb();
  await recordAudit(db.prisma, ctx, { action: "segment.export", entityType: "segment", entityId: segment.id, diff: { columns: [...MEMBER_EXPORT_HEADER] } });
  return streamCsvFromQuery<Row>(db, query, {
    head: CSV_BOM + csvRecord([...MEMBER_EXPORT_HEADER]),
    batchRows: options.batchRows ?? BATCH_ROWS,
    cursorPrefix: "segment_export",
    label: "Segment member export",
    toCsv: (rows) => rows.map((row) => csvRecord(MEMBER_EXPORT_HEADER.map((key) => cell(row[key])))).join(""),
  });
}
