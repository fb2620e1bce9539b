/**
 * The daily RFM refresh as a job of the runner (lib/jobs): one "rfm.refresh" job per workspace and
 * local day re-scores the workspace at its today, so recency moves on by itself. A refresh is
 * idempotent (it recomputes from the data), so a job retaken after a crash simply runs it again.
 */
import "server-only";
import { defineDailyJob } from "@/lib/jobs/registry";
import { refreshRfm } from "./mutations";

export const RFM_REFRESH_JOB = "rfm.refresh";

defineDailyJob(RFM_REFRESH_JOB, async (job, { tx }) => {
  const [workspace] = await tx.query<{ timeZone: string }>(`SELECT "timeZone" FROM "Workspace" WHERE "id" = $1`, [job.workspaceId]);
  if (!workspace) return;
  await refreshRfm({ workspaceId: job.workspaceId, timeZone: workspace.timeZone });
});
