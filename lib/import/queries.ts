import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jobIdSchema } from "./schemas";
import { IMPORT_TYPES } from "./targets";
import type { ImportContext, ImportJobView } from "./types";

const jobRowSchema = z.object({
  id: z.string(),
  type: z.enum(IMPORT_TYPES),
  status: z.enum(["pending", "running", "completed", "failed"]),
  fileName: z.string(),
  totalRows: z.number(),
  processedRows: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  failed: z.number(),
  error: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

const JOB_SELECT = `
  SELECT j."id"::text AS "id", j."type"::text AS "type", j."status"::text AS "status", j."fileName", j."totalRows", j."processedRows",
         j."createdCount" AS "created", j."updatedCount" AS "updated", j."skippedCount" AS "skipped", j."failedCount" AS "failed",
         j."error", u."name" AS "createdByName", j."createdAt", j."startedAt", j."finishedAt"
    FROM "ImportJob" j LEFT JOIN "User" u ON u."id" = j."createdById"`;

/** One import job of the workspace, or null (unknown id, or another workspace's). */
export async function getImportJob(ctx: Pick<ImportContext, "workspaceId">, jobId: string): Promise<ImportJobView | null> {
  if (!jobIdSchema.safeParse(jobId).success) return null;
  const { sql } = await getDb();
  const [row] = await sql.query(`${JOB_SELECT} WHERE j."workspaceId" = $1::uuid AND j."id" = $2::uuid`, [ctx.workspaceId, jobId]);
  return row ? jobRowSchema.parse(row) : null;
}

/** The workspace's most recent import jobs, newest first. */
export async function listImportJobs(ctx: Pick<ImportContext, "workspaceId">, limit = 20): Promise<ImportJobView[]> {
  const { sql } = await getDb();
  const rows = await sql.query(`${JOB_SELECT} WHERE j."workspaceId" = $1::uuid ORDER BY j."createdAt" DESC, j."id" LIMIT $2`, [ctx.workspaceId, limit]);
  return rows.map((row) => jobRowSchema.parse(row));
}

// A spreadsheet would run a cell starting with = + - @ as a formula; a leading ' keeps it text.
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const ERROR_PAGE = 5000;

/**
 * The error report of a job as CSV text chunks (header "row,column,value,reason"), read page by
 * page so a large report never sits in memory. Empty for another workspace's job.
 */
export async function* importErrorsCsv(ctx: Pick<ImportContext, "workspaceId">, jobId: string): AsyncGenerator<string> {
  yield "row,column,value,reason\r\n";
  if (!jobIdSchema.safeParse(jobId).success) return;
  const { sql } = await getDb();
  let after = "0";
  while (true) {
    const rows = await sql.query<{ id: string; rowNumber: number; column: string | null; value: string | null; reason: string }>(
      `SELECT "id"::text AS "id", "rowNumber", "column", "value", "reason" FROM "ImportRowError"
        WHERE "workspaceId" = $1::uuid AND "jobId" = $2::uuid AND "id" > $3::bigint ORDER BY "id" LIMIT $4`,
      [ctx.workspaceId, jobId, after, ERROR_PAGE],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => `${[r.rowNumber, r.column, r.value, r.reason].map(csvCell).join(",")}\r\n`).join("");
    after = rows[rows.length - 1].id;
  }
}

/** The first errors of a job (for the summary on the page). */
export async function listImportErrors(ctx: Pick<ImportContext, "workspaceId">, jobId: string, limit = 10): Promise<{ rowNumber: number; column: string | null; value: string | null; reason: string }[]> {
  if (!jobIdSchema.safeParse(jobId).success) return [];
  const { sql } = await getDb();
  return sql.query(
    `SELECT "rowNumber", "column", "value", "reason" FROM "ImportRowError"
      WHERE "workspaceId" = $1::uuid AND "jobId" = $2::uuid ORDER BY "id" LIMIT $3`,
    [ctx.workspaceId, jobId, limit],
  );
}

/** A workspace's id and time zone by slug, for the command line; null when there is none. */
export async function findWorkspaceBySlug(slug: string): Promise<{ workspaceId: string; timeZone: string } | null> {
  const { sql } = await getDb();
  const [row] = await sql.query<{ workspaceId: string; timeZone: string }>(
    `SELECT "id"::text AS "workspaceId", "timeZone" FROM "Workspace" WHERE "slug" = $1`,
    [slug],
  );
  return row ?? null;
}
