/** Reading a workspace's jobs for the admins' jobs page. */
import "server-only";
import { can, type Role } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { JobState } from "./schemas";

/** Who reads: the workspace and the reader's role (only admins see jobs). */
export interface JobsContext {
  workspaceId: string;
  role: Role;
}

/** One job as the page shows it. */
export interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** The page's sections: each state's newest jobs (at most `limit`) and how many there are. */
export type JobsOverview = Record<JobState, { rows: JobRow[]; total: number }>;

/** Refuses anyone whose role may not see jobs (the page and the action check too; this is the last line). */
export function assertCanManageJobs(ctx: JobsContext): void {
  if (!can(ctx.role, "jobs.manage")) throw new AppError("forbidden", "You don't have permission to manage background jobs in this workspace.");
}

/** The workspace's jobs by state: queued soonest first, the others latest first. */
export async function listJobs(ctx: JobsContext, limit = 50): Promise<JobsOverview> {
  assertCanManageJobs(ctx);
  const { sql } = await getDb();
  const rows = await sql.query<JobRow & { rank: number }>(
    `SELECT * FROM (
       SELECT "id"::text AS "id", "kind", "state"::text AS "state", "runAt", "attempts", "maxAttempts", "lastError", "dedupeKey", "createdAt", "updatedAt", "finishedAt",
              row_number() OVER (PARTITION BY "state" ORDER BY CASE WHEN "state" = 'queued' THEN extract(epoch FROM "runAt") ELSE -extract(epoch FROM "updatedAt") END, "id")::int AS "rank"
         FROM "Job" WHERE "workspaceId" = $1) j
      WHERE j."rank" <= $2 ORDER BY j."state", j."rank"`,
    [ctx.workspaceId, limit],
  );
  const totals = await sql.query<{ state: JobState; n: number }>(`SELECT "state"::text AS "state", count(*)::int AS "n" FROM "Job" WHERE "workspaceId" = $1 GROUP BY "state"`, [ctx.workspaceId]);
  const overview: JobsOverview = { queued: { rows: [], total: 0 }, running: { rows: [], total: 0 }, dead: { rows: [], total: 0 }, done: { rows: [], total: 0 } };
  for (const r of rows) {
    overview[r.state].rows.push({
      id: r.id, kind: r.kind, state: r.state, attempts: r.attempts, maxAttempts: r.maxAttempts, lastError: r.lastError, dedupeKey: r.dedupeKey,
      runAt: new Date(r.runAt), createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt), finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
    });
  }
  for (const t of totals) overview[t.state].total = t.n;
  return overview;
}
