/**
 * The filtered audit log as a CSV download, in the page's order (newest first), streamed through
 * the customer export's cursor and CSV writer (BOM, CRLF, formulas neutralized). The export is
 * itself recorded, as `audit.export`, before the file is read.
 */
import "server-only";
import { CSV_BOM, csvRecord, neutralizeFormula } from "@/lib/customers/export-csv";
import { getDb } from "@/lib/db/client";
import { streamCsvFromQuery } from "@/lib/db/csv-export";
import { getCatalog } from "@/lib/fields/queries";
import { Prisma } from "@/lib/generated/prisma/client";
import { localDateOf } from "@/lib/segments/time";
import { auditActionLabel, describeAuditEntry } from "./actions";
import { detailText } from "./describe";
import { AUDIT_ROW_SELECT, auditWhereSql, loadSegmentNames, toAuditRow, type AuditScope } from "./queries";
import { recordAudit } from "./record";
import type { AuditFilters } from "./schemas";
import { actorView, describeHelpers, recordedName } from "./view";

export const AUDIT_EXPORT_HEADER = ["id", "time", "localTime", "person", "email", "action", "actionLabel", "entityType", "entityId", "entity", "details", "data"] as const;
const BATCH_ROWS = 2_000;

/** "audit-log-acme-2026-12-02.csv". */
export function auditExportFilename(workspaceSlug: string, timeZone: string, now: Date = new Date()): string {
  return `audit-log-${workspaceSlug}-${localDateOf(now.getTime(), timeZone)}.csv`;
}

// "2026-12-02 18:30:05" in the zone: sortable, and what the page shows, to the second.
function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(instant);
}

/** The entries matching the filters as a CSV stream; records an `audit.export` entry naming the filters. */
export async function exportAuditCsv(
  ctx: AuditScope & { userId: string | null; workspaceSlug: string },
  filters: AuditFilters,
  options: { batchRows?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const [catalog, segmentNames] = await Promise.all([getCatalog(ctx), loadSegmentNames(ctx)]);
  const h = describeHelpers(ctx.timeZone, catalog, segmentNames);
  const db = await getDb();
  await recordAudit(db.prisma, ctx, {
    action: "audit.export",
    entityType: "audit",
    diff: {
      person: filters.person,
      actions: filters.actions && filters.actions.length <= 20 ? filters.actions.map(auditActionLabel) : filters.actions ? `${filters.actions.length} actions` : null,
      from: filters.from,
      to: filters.to,
    },
  });
  const query = Prisma.sql`SELECT ${AUDIT_ROW_SELECT} WHERE ${auditWhereSql(ctx, filters)} ORDER BY a."createdAt" DESC, a."id" DESC`;
  return streamCsvFromQuery<Parameters<typeof toAuditRow>[0]>(db, query, {
    head: CSV_BOM + csvRecord([...AUDIT_EXPORT_HEADER]),
    batchRows: options.batchRows ?? BATCH_ROWS,
    cursorPrefix: "audit_export",
    label: "Audit log export",
    toCsv: (batch) =>
      batch
        .map((raw) => {
          const row = toAuditRow(raw);
          const actor = actorView(row);
          const details = describeAuditEntry(row.action, row.diff, h).map(detailText).join("; ");
          return csvRecord([
            row.id, row.createdAt.toISOString(), localTime(row.createdAt, ctx.timeZone), actor.note ? `${actor.name} (${actor.note})` : actor.name, actor.email ?? "",
            row.action, auditActionLabel(row.action), row.entityType, row.entityId ?? "", recordedName(row.diff) ?? "", details, JSON.stringify(row.diff ?? {}),
          ].map(neutralizeFormula));
        })
        .join(""),
  });
}
