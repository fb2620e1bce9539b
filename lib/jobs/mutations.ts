/** Admin writes on jobs: retrying a failed (dead) job. */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertCanManageJobs, type JobsContext } from "./queries";
import { notifyEnqueued } from "./registry";
import { retryJobSchema } from "./schemas";

/**
 * Puts a dead job of the workspace back in the queue, due now, with its attempts reset (its last
 * error stays for reference until it runs again); audited as job.retry.
 */
export async function retryJob(ctx: JobsContext & { userId: string | null }, input: unknown): Promise<{ id: string; kind: string }> {
  assertCanManageJobs(ctx);
  const { jobId } = retryJobSchema.parse(input);
  const { sql } = await getDb();
  const job = await sql.transaction(async (tx) => {
    const [row] = await tx.query<{ kind: string; lastError: string | null }>(
      `UPDATE "Job" SET "state" = 'queued', "runAt" = now(), "attempts" = 0, "finishedAt" = NULL, "updatedAt" = now()
        WHERE "workspaceId" = $1 AND "id" = $2 AND "state" = 'dead' RETURNING "kind", "lastError"`,
      [ctx.workspaceId, jobId],
    );
    if (!row) throw new AppError("not_found", "This job is not a failed job of this workspace (it may have been retried already).");
    await recordAudit(tx, { workspaceId: ctx.workspaceId, userId: ctx.userId }, { action: "job.retry", entityType: "job", entityId: jobId, diff: { kind: row.kind, error: row.lastError } });
    return { id: jobId, kind: row.kind };
  });
  notifyEnqueued();
  return job;
}
