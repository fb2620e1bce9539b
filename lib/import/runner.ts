import "server-only";
import { getDb } from "@/lib/db/client";
import { runImportJob } from "./engine";
import { isRunningHere } from "./job-lock";

/**
 * The background runner inside the server process: started jobs queue here and run one at a
 * time (imports are write-heavy; one at a time leaves the server responsive).
 *
 * Jobs left `running` by a server that stopped are resumed, not failed: each batch commits its
 * rows together with the job's progress, so a resumed job continues after the last committed
 * batch and nothing is imported twice. `resumeInterruptedImports` finds them (the import pages
 * call it); the job lock keeps a job that another live process runs from being taken over.
 */
interface RunnerState {
  queue: { workspaceId: string; jobId: string }[];
  draining: boolean;
}

const holder = globalThis as unknown as { __segmentaImportRunner?: RunnerState };
const state = (holder.__segmentaImportRunner ??= { queue: [], draining: false });

async function drain(): Promise<void> {
  if (state.draining) return;
  state.draining = true;
  try {
    for (let next = state.queue.shift(); next; next = state.queue.shift()) {
      try {
        await runImportJob(next.workspaceId, next.jobId);
      } catch (e) {
        console.error(`Import ${next.jobId} could not run:`, e);
      }
    }
  } finally {
    state.draining = false;
  }
}

/** Queues a started job to run in the background; returns at once. */
export function enqueueImport(workspaceId: string, jobId: string): void {
  if (!state.queue.some((q) => q.jobId === jobId) && !isRunningHere(jobId)) state.queue.push({ workspaceId, jobId });
  void drain();
}

/** Queues every job left `running` that no process is running (after a restart); returns how many. */
export async function resumeInterruptedImports(workspaceId?: string): Promise<number> {
  const { sql } = await getDb();
  const rows = await sql.query<{ workspaceId: string; id: string }>(
    `SELECT "workspaceId"::text AS "workspaceId", "id"::text AS "id" FROM "ImportJob"
      WHERE "status" = 'running' AND ($1::uuid IS NULL OR "workspaceId" = $1::uuid) ORDER BY "startedAt"`,
    [workspaceId ?? null],
  );
  const orphans = rows.filter((r) => !isRunningHere(r.id) && !state.queue.some((q) => q.jobId === r.id));
  for (const job of orphans) enqueueImport(job.workspaceId, job.id);
  return orphans.length;
}
