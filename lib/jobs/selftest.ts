/**
 * A job kind for the browser tests of the jobs page, active only with SEGMENTA_JOBS_SELFTEST=1:
 * at start the runner enqueues one "jobs.selftest" job in every workspace that fails on its first
 * run (one attempt: it is dead at once, with its error) and succeeds when retried.
 */
import type { SqlDriver } from "@/lib/db/driver";
import { enqueueJob } from "./enqueue";
import { defineJobKind } from "./registry";

export const SELFTEST_JOB = "jobs.selftest";
export const SELFTEST_ERROR = "Self-test failure: this job fails on its first run and succeeds when retried.";

/** Whether the self-test kind is on (never in production use). */
export function selftestEnabled(): boolean {
  return process.env.SEGMENTA_JOBS_SELFTEST === "1";
}

if (selftestEnabled()) {
  defineJobKind(SELFTEST_JOB, async (job) => {
    if (job.lastError === null) throw new Error(SELFTEST_ERROR);
  });
}

/** Enqueues the self-test job once per workspace (a no-op when off or already there). */
export async function enqueueSelftestJobs(sql: SqlDriver): Promise<void> {
  if (!selftestEnabled()) return;
  const workspaces = await sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Workspace"`);
  for (const w of workspaces) await enqueueJob(sql, { workspaceId: w.id, kind: SELFTEST_JOB, dedupeKey: SELFTEST_JOB, maxAttempts: 1 });
}
