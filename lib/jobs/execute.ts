/**
 * Running one claimed job: the handler under a heartbeat that extends the lease, then "done", or
 * on error a retry after backoff, or "dead" after maxAttempts. Every state change is fenced by
 * (lockedBy, attempts): a runner whose lease lapsed and whose job was taken again changes nothing.
 */
import type { SqlDriver } from "@/lib/db/driver";
import { backoffMs } from "./backoff";
import type { Job, JobKind } from "./registry";

/** A claimed row, before its payload is parsed. */
export type ClaimedJob = Job<unknown> & { lockedBy: string };

const FENCE = `"workspaceId" = $1 AND "id" = $2 AND "lockedBy" = $3 AND "attempts" = $4 AND "state" = 'running'`;
const MAX_ERROR_LENGTH = 4000;

class LeaseLostError extends Error {}

function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  return text.slice(0, MAX_ERROR_LENGTH);
}

async function markDone(sql: SqlDriver, fence: unknown[]): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE "Job" SET "state" = 'done', "finishedAt" = now(), "updatedAt" = now(), "lockedBy" = NULL, "lockedUntil" = NULL WHERE ${FENCE} RETURNING 1`,
    fence,
  );
  return rows.length === 1;
}

async function markFailed(sql: SqlDriver, job: ClaimedJob, fence: unknown[], error: string): Promise<void> {
  if (job.attempts >= job.maxAttempts) {
    await sql.query(
      `UPDATE "Job" SET "state" = 'dead', "lastError" = $5, "finishedAt" = now(), "updatedAt" = now(), "lockedBy" = NULL, "lockedUntil" = NULL WHERE ${FENCE}`,
      [...fence, error],
    );
    return;
  }
  await sql.query(
    `UPDATE "Job" SET "state" = 'queued', "lastError" = $5, "runAt" = now() + make_interval(secs => $6::float8), "updatedAt" = now(), "lockedBy" = NULL, "lockedUntil" = NULL WHERE ${FENCE}`,
    [...fence, error, backoffMs(job.attempts) / 1000],
  );
}

/** Runs a claimed job to its next state; never throws (what goes wrong is recorded or logged). */
export async function executeJob(sql: SqlDriver, job: ClaimedJob, kind: JobKind, options: { leaseMs: number; log: (line: string) => void }): Promise<void> {
  const fence = [job.workspaceId, job.id, job.lockedBy, job.attempts];
  if (job.attempts > job.maxAttempts) {
    // Taken again after its lease lapsed once too often: the process running it keeps dying.
    const error = `${job.lastError ? `${job.lastError}\n` : ""}The process running this job stopped before it finished (${job.maxAttempts} attempts).`;
    await markFailed(sql, { ...job, attempts: job.maxAttempts }, fence, error).catch((e) => options.log(`Job ${job.kind} ${job.id}: ${errorText(e)}`));
    return;
  }
  // On PGlite a beat waits while a transactional handler holds the one connection: never queue a second.
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    sql
      .query(`UPDATE "Job" SET "lockedUntil" = now() + make_interval(secs => $5::float8) WHERE ${FENCE}`, [...fence, options.leaseMs / 1000])
      .catch((e) => options.log(`Job ${job.kind} ${job.id}: heartbeat failed: ${errorText(e)}`))
      .finally(() => (beating = false));
  }, Math.max(50, Math.floor(options.leaseMs / 3)));
  try {
    const parsed: Job = { ...job, payload: kind.payload ? kind.payload.parse(job.payload) : job.payload };
    if (kind.transactional) {
      await sql.transaction(async (tx) => {
        await kind.handler(parsed, { tx });
        if (!(await markDone(tx, fence))) throw new LeaseLostError();
      });
    } else {
      await kind.handler(parsed, { tx: sql });
      if (!(await markDone(sql, fence))) throw new LeaseLostError();
    }
  } catch (e) {
    if (e instanceof LeaseLostError) {
      options.log(`Job ${job.kind} ${job.id}: its lease lapsed and another runner took it; this attempt's result was dropped.`);
      return;
    }
    const error = errorText(e);
    options.log(`Job ${job.kind} ${job.id} failed (attempt ${job.attempts} of ${job.maxAttempts}): ${error}`);
    await markFailed(sql, job, fence, error).catch((x) => options.log(`Job ${job.kind} ${job.id}: could not record the failure: ${errorText(x)}`));
  } finally {
    clearInterval(heartbeat);
  }
}
