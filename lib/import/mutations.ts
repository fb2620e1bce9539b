import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "@/lib/audit/record";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { assertUtf8, readStart, sniffDelimiter, type Delimiter } from "./csv";
import { buildPlan } from "./plan";
import { scanFile, type FileScan } from "./scan";
import { checkFile } from "./check";
import { formatCount } from "@/lib/format";
import { discardImportSchema, importTypeSchema, jobOptionsSchema, startImportSchema, type ImportChoices, type JobOptions, type StartImportInput } from "./schemas";
import { placeUpload, removeUpload, saveUpload } from "./storage";
import { targetsFor, type ImportType } from "./targets";
import type { ImportContext } from "./types";

/** Uploads nobody started are removed after this long. */
const ABANDONED_AFTER_HOURS = 24;

async function scanOrThrow(filePath: string, delimiter: Delimiter): Promise<FileScan> {
  const scan = await scanFile(filePath, delimiter);
  if (scan.totalRows === 0) throw new AppError("invalid", "The file has a header row but no data rows.");
  return scan;
}

async function insertJob(sql: SqlDriver, ctx: ImportContext, job: { id: string; type: ImportType; status: "pending" | "running"; fileName: string; filePath: string; options: JobOptions; totalRows: number }): Promise<void> {
  await sql.query(
    `INSERT INTO "ImportJob" ("workspaceId", "id", "type", "status", "fileName", "filePath", "options", "totalRows", "createdById", "startedAt")
     VALUES ($1::uuid, $2::uuid, $3::"ImportType", $4::"ImportStatus", $5, $6, $7::jsonb, $8, $9::uuid, CASE WHEN $4 = 'running' THEN CURRENT_TIMESTAMP END)`,
    [ctx.workspaceId, job.id, job.type, job.status, job.fileName, job.filePath, JSON.stringify(job.options), job.totalRows, ctx.userId],
  );
}

// In the transaction that makes the job running: a started import always has its entry.
async function auditImportStart(tx: SqlDriver, ctx: ImportContext, jobId: string, job: { type: ImportType; fileName: string; totalRows: number }): Promise<void> {
  await recordAudit(tx, ctx, { action: "import.start", entityType: "import", entityId: jobId, diff: { type: job.type, fileName: job.fileName, rows: job.totalRows } });
}

// Uploads left at the mapping step for a day are dropped with their files.
async function dropAbandonedUploads(ctx: ImportContext): Promise<void> {
  const { sql } = await getDb();
  const dropped = await sql.query<{ filePath: string | null }>(
    `DELETE FROM "ImportJob" WHERE "workspaceId" = $1::uuid AND "status" = 'pending'
        AND "createdAt" < CURRENT_TIMESTAMP - make_interval(hours => $2::int) RETURNING "filePath"`,
    [ctx.workspaceId, ABANDONED_AFTER_HOURS],
  );
  await Promise.all(dropped.map((d) => removeUpload(d.filePath)));
}

/**
 * Stores an uploaded CSV (≤ 50 MB, UTF-8) in the data folder and creates its job, pending until
 * the mapping is chosen: the delimiter is sniffed and the rows counted (a malformed file is
 * refused here, before anything is imported).
 */
export async function createUploadJob(ctx: ImportContext, input: { type: ImportType; fileName: string; body: ReadableStream<Uint8Array> }): Promise<{ jobId: string; totalRows: number }> {
  const type = importTypeSchema.parse(input.type);
  const saved = await saveUpload(input.body);
  const jobId = crypto.randomUUID();
  let filePath = saved.filePath;
  try {
    const delimiter = sniffDelimiter(await readStart(filePath));
    const scan = await scanOrThrow(filePath, delimiter);
    filePath = await placeUpload(filePath, jobId);
    await insertJob((await getDb()).sql, ctx, { id: jobId, type, status: "pending", fileName: input.fileName, filePath, options: { delimiter, headers: scan.headers }, totalRows: scan.totalRows });
    await dropAbandonedUploads(ctx);
    return { jobId, totalRows: scan.totalRows };
  } catch (e) {
    await fs.promises.rm(filePath, { force: true });
    throw e;
  }
}

/**
 * Starts a pending upload with the chosen mapping: the choices are checked against the file's
 * columns (every problem named) and stored, and the job becomes `running` for the runner. When
 * rows would fail, it starts only if `skipFailing` is their number (the person confirmed "Import
 * 3 valid rows, skip 2?"): nothing runs silently past failing rows.
 */
export async function startImport(ctx: ImportContext, input: StartImportInput): Promise<{ jobId: string }> {
  const { jobId, choices, skipFailing } = startImportSchema.parse(input);
  const { sql } = await getDb();
  const [job] = await sql.query<{ type: ImportType; options: unknown; filePath: string | null }>(
    `SELECT "type"::text AS "type", "options", "filePath" FROM "ImportJob" WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'pending'`,
    [ctx.workspaceId, jobId],
  );
  if (!job?.filePath) throw new AppError("not_found", "This import has already started or no longer exists. Upload the file again.");
  const options = jobOptionsSchema.parse(job.options);
  const catalog = await getCatalog(ctx);
  const plan = buildPlan(job.type, options.headers, choices, targetsFor(job.type, catalog));
  const check = options.check?.choices === JSON.stringify(choices) ? options.check : await checkFile(ctx, { filePath: job.filePath, delimiter: options.delimiter }, plan, catalog);
  if (check.failing > 0 && skipFailing !== check.failing) {
    const valid = check.total - check.failing;
    throw new AppError("conflict", `${formatCount(check.failing)} of ${formatCount(check.total)} rows would not be imported (the preview shows why). Confirm “Import ${formatCount(valid)} valid rows, skip ${formatCount(check.failing)}” to go ahead, or fix the mapping first.`);
  }
  await sql.transaction(async (tx) => {
    const [started] = await tx.query<{ type: ImportType; fileName: string; totalRows: number }>(
      `UPDATE "ImportJob" SET "status" = 'running', "startedAt" = CURRENT_TIMESTAMP, "options" = "options" || jsonb_build_object('choices', $3::jsonb)
        WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'pending' RETURNING "type"::text AS "type", "fileName", "totalRows"`,
      [ctx.workspaceId, jobId, JSON.stringify(choices)],
    );
    if (!started) throw new AppError("conflict", "This import has already been started.");
    await auditImportStart(tx, ctx, jobId, started);
  });
  return { jobId };
}

/** Drops an upload that has not been started, with its file. */
export async function discardImport(ctx: ImportContext, input: { jobId: string }): Promise<void> {
  const { jobId } = discardImportSchema.parse(input);
  const { sql } = await getDb();
  const [dropped] = await sql.query<{ filePath: string | null }>(
    `DELETE FROM "ImportJob" WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'pending' RETURNING "filePath"`,
    [ctx.workspaceId, jobId],
  );
  if (!dropped) throw new AppError("not_found", "This import has already started or no longer exists.");
  await removeUpload(dropped.filePath);
}

/** A file on disk, checked and scanned for a command-line import. */
export interface LocalFile {
  filePath: string;
  delimiter: Delimiter;
  scan: FileScan;
}

/** Checks and scans a local file for a command-line import (UTF-8, delimiter, rows). */
export async function inspectLocalFile(filePath: string, delimiter?: Delimiter): Promise<LocalFile> {
  const resolved = path.resolve(filePath);
  const stat = await fs.promises.stat(resolved).catch(() => null);
  if (!stat?.isFile()) throw new AppError("invalid", `There is no file at ${resolved}.`);
  await assertUtf8(resolved);
  const chosen = delimiter ?? sniffDelimiter(await readStart(resolved));
  return { filePath: resolved, delimiter: chosen, scan: await scanOrThrow(resolved, chosen) };
}

/** Creates a running job over a local file (left in place afterwards), for the command line. */
export async function createLocalJob(ctx: ImportContext, input: { type: ImportType; file: LocalFile; choices: ImportChoices }): Promise<{ jobId: string }> {
  const { type, file, choices } = input;
  buildPlan(type, file.scan.headers, choices, targetsFor(type, await getCatalog(ctx)));
  const jobId = crypto.randomUUID();
  const { sql } = await getDb();
  const options: JobOptions = { delimiter: file.delimiter, headers: file.scan.headers, choices, keepFile: true };
  const fileName = path.basename(file.filePath);
  await sql.transaction(async (tx) => {
    await insertJob(tx, ctx, { id: jobId, type, status: "running", fileName, filePath: file.filePath, options, totalRows: file.scan.totalRows });
    await auditImportStart(tx, ctx, jobId, { type, fileName, totalRows: file.scan.totalRows });
  });
  return { jobId };
}
