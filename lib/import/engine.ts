import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { afterFirst, BATCH_ROWS } from "./batches";
import { openCsv } from "./csv";
import { withJobLock } from "./job-lock";
import type { WriteOutcome } from "./outcome";
import { buildPlan } from "./plan";
import { createProcessor, type PreparedBatch } from "./processors";
import { recordImportConsent } from "./consent";
import { jobOptionsSchema } from "./schemas";
import { removeUpload } from "./storage";
import { refreshImportStatistics } from "./statistics";
import { targetsFor, type ImportType } from "./targets";

/** Where a job stands: rows done of the total, and what became of them. */
export interface ImportProgress {
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

interface RunnableJob {
  type: ImportType;
  status: string;
  filePath: string | null;
  options: unknown;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  failedCount: number;
  createdById: string | null;
  timeZone: string;
}

async function loadJob(sql: SqlDriver, workspaceId: string, jobId: string): Promise<RunnableJob | undefined> {
  const [job] = await sql.query<RunnableJob>(
    `SELECT j."type"::text AS "type", j."status"::text AS "status", j."filePath", j."options", j."totalRows", j."processedRows",
            j."createdCount", j."updatedCount", j."skippedCount", j."failedCount", j."createdById"::text AS "createdById", w."timeZone"
       FROM "ImportJob" j JOIN "Workspace" w ON w."id" = j."workspaceId"
      WHERE j."workspaceId" = $1::uuid AND j."id" = $2::uuid`,
    [workspaceId, jobId],
  );
  return job;
}

// Errors, counts and progress commit with the batch's rows: a resumed job continues exactly after them.
async function recordBatch(tx: SqlDriver, workspaceId: string, jobId: string, rows: number, outcome: WriteOutcome): Promise<void> {
  if (outcome.errors.length > 0) {
    const errors = outcome.errors.map((e) => ({ ...e, value: e.value === null ? null : e.value.slice(0, 1000), reason: e.reason.slice(0, 1000) }));
    await tx.query(
      `INSERT INTO "ImportRowError" ("workspaceId", "jobId", "rowNumber", "column", "value", "reason")
       SELECT $1::uuid, $2::uuid, r."rowNumber", r."column", r."value", r."reason"
         FROM jsonb_to_recordset($3::jsonb) AS r("rowNumber" integer, "column" text, "value" text, "reason" text)
        ORDER BY r."rowNumber"`,
      [workspaceId, jobId, JSON.stringify(errors)],
    );
  }
  const failed = new Set(outcome.errors.map((e) => e.rowNumber)).size;
  const updated = await tx.query(
    `UPDATE "ImportJob" SET "processedRows" = "processedRows" + $3, "createdCount" = "createdCount" + $4, "updatedCount" = "updatedCount" + $5,
            "skippedCount" = "skippedCount" + $6, "failedCount" = "failedCount" + $7
      WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'running' RETURNING 1`,
    [workspaceId, jobId, rows, outcome.created, outcome.updated, outcome.skipped, failed],
  );
  if (updated.length === 0) throw new AppError("conflict", "The import was stopped or removed while it ran.");
}

interface FinishedJob {
  createdById: string | null;
  type: ImportType;
  fileName: string;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  failedCount: number;
}

// The runner has no session: the entry names the person who started the job (null from the command line).
async function finish(sql: SqlDriver, workspaceId: string, jobId: string, error: string | null): Promise<void> {
  await sql.transaction(async (tx) => {
    const [job] = await tx.query<FinishedJob>(
      `UPDATE "ImportJob" SET "status" = $3::"ImportStatus", "error" = $4, "finishedAt" = CURRENT_TIMESTAMP, "filePath" = NULL
        WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'running'
        RETURNING "createdById"::text AS "createdById", "type"::text AS "type", "fileName", "createdCount", "updatedCount", "skippedCount", "failedCount"`,
      [workspaceId, jobId, error ? "failed" : "completed", error],
    );
    if (!job) return;
    // A failed job's committed rows changed consents too; the entry goes with the job's end, once.
    await recordImportConsent(tx, workspaceId, jobId);
    await recordAudit(tx, { workspaceId, userId: job.createdById }, {
      action: "import.finish",
      entityType: "import",
      entityId: jobId,
      diff: {
        type: job.type, fileName: job.fileName, status: error ? "failed" : "completed",
        created: job.createdCount, updated: job.updatedCount, skipped: job.skippedCount, failed: job.failedCount, ...(error ? { error } : {}),
      },
    });
  });
}

function progressOf(job: RunnableJob): ImportProgress {
  return {
    totalRows: job.totalRows, processedRows: job.processedRows, created: job.createdCount,
    updated: job.updatedCount, skipped: job.skippedCount, failed: job.failedCount,
  };
}

/**
 * Lets other requests in between batches. On PGlite (one connection, queries run one at a time) the
 * import pauses for half as long as the batch took, leaving pages a third of the database's time.
 */
function yieldToOthers(kind: SqlDriver["kind"], batchMs: number): Promise<void> {
  if (kind === "postgres") return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(10, batchMs / 2))));
}

async function processJob(sql: SqlDriver, workspaceId: string, jobId: string, job: RunnableJob, progress: ImportProgress, onProgress?: (p: ImportProgress) => void): Promise<void> {
  const options = jobOptionsSchema.parse(job.options);
  if (!options.choices) throw new AppError("invalid", "The import was started without a column mapping.");
  if (!job.filePath) throw new AppError("invalid", "The uploaded file is gone; upload it again.");
  const catalog = await getCatalog({ workspaceId });
  const plan = buildPlan(job.type, options.headers, options.choices, targetsFor(job.type, catalog));
  const processor = await createProcessor(plan, {
    batchRows: BATCH_ROWS[sql.kind], workspaceId, timeZone: job.timeZone, catalog, filePath: job.filePath, delimiter: options.delimiter,
    origin: { jobId, actorId: job.createdById },
  });
  const reader = await openCsv(job.filePath, options.delimiter);
  const rows = afterFirst(reader.rows, job.processedRows, (row) => processor.skip(row));
  const batches = processor.batches(rows)[Symbol.asyncIterator]();
  const prepareNext = async (): Promise<PreparedBatch | null> => {
    const next = await batches.next();
    return next.done ? null : processor.prepare(next.value);
  };
  // On PostgreSQL the next batch is read and validated while the server writes this one (Node and
  // PostgreSQL are separate processes); PGlite runs in this thread, so there it goes one at a time.
  const pipelined = sql.kind === "postgres";
  let prepared = await prepareNext();
  while (prepared) {
    const batch = prepared;
    const started = Date.now();
    const writing = sql
      .transaction(async (tx) => {
        // A crash may lose the last batches, but their progress goes with them: the resumed job redoes them.
        await tx.query("SET LOCAL synchronous_commit = off");
        const result = await batch.write(tx);
        await recordBatch(tx, workspaceId, jobId, batch.rows, result);
        return result;
      })
      .then((outcome) => ({ outcome }), (error: unknown) => ({ error }));
    // Settled into values at once: a failure here must wait for the write, not crash the process as unhandled.
    const following = pipelined ? prepareNext().then((next) => ({ next }), (error: unknown) => ({ error })) : null;
    const written = await writing;
    if ("error" in written) {
      await following;
      throw written.error;
    }
    const { outcome } = written;
    progress.processedRows += batch.rows;
    progress.created += outcome.created;
    progress.updated += outcome.updated;
    progress.skipped += outcome.skipped;
    progress.failed += new Set(outcome.errors.map((e) => e.rowNumber)).size;
    onProgress?.({ ...progress });
    await yieldToOthers(sql.kind, Date.now() - started);
    const after = following ? await following : { next: await prepareNext() };
    if ("error" in after) throw after.error;
    prepared = after.next;
  }
}

/**
 * Runs (or resumes after its processed rows) a job whose status is `running`: reads its file in
 * batches, validates and writes each batch in one transaction with its errors and progress, then
 * marks the job completed — or failed with a message when the file or the database gives out.
 * The uploaded file is removed at the end either way. Null when the job is not running, or another
 * process runs it.
 */
export async function runImportJob(workspaceId: string, jobId: string, hooks: { onProgress?: (p: ImportProgress) => void } = {}): Promise<ImportRunResult | null> {
  const db = await getDb();
  return withJobLock(db, jobId, () => runLocked(db.sql, workspaceId, jobId, hooks.onProgress));
}

async function runLocked(sql: SqlDriver, workspaceId: string, jobId: string, onProgress?: (p: ImportProgress) => void): Promise<ImportRunResult | null> {
  const job = await loadJob(sql, workspaceId, jobId);
  if (!job || job.status !== "running") return null;
  let error: string | null = null;
  const progress = progressOf(job);
  try {
    await processJob(sql, workspaceId, jobId, job, progress, onProgress);
  } catch (e) {
    if (e instanceof AppError) error = e.message;
    else {
      console.error(`Import ${jobId} failed:`, e);
      error = "The import stopped because of an unexpected error. Rows imported so far are kept; run the import again to finish it (rows already imported are matched, not duplicated).";
    }
  }
  // The whole job's rows (a resumed job's earlier runs ended before this step), failed runs' too: they are committed.
  try {
    await refreshImportStatistics(sql, job.type, progress.created + progress.updated);
  } catch (e) {
    console.error(`Import ${jobId}: refreshing planner statistics failed (counts may be slow until ANALYZE runs):`, e);
  }
  await finish(sql, workspaceId, jobId, error);
  const options = jobOptionsSchema.safeParse(job.options);
  if (!(options.success && options.data.keepFile)) await removeUpload(job.filePath);
  return { progress, error };
}

/** How a run ended: its progress, and why the whole job failed (null when it completed). */
export interface ImportRunResult {
  progress: ImportProgress;
  error: string | null;
}
