/**
 * The daily prediction refresh as a job of the runner (lib/jobs): one "predict.refresh" job per
 * workspace and local day refits the models and rescores every customer as of its today. Too
 * little history or a fit that fails is an outcome, not an error: the attempt is recorded (the
 * Predictions page shows it) and the job is done. A refresh recomputes from the data, so a job
 * retaken after a crash simply runs it again.
 */
import "server-only";
import { defineDailyJob } from "@/lib/jobs/registry";
import { refreshPredictions } from "./mutations";

export const PREDICT_REFRESH_JOB = "predict.refresh";

defineDailyJob(PREDICT_REFRESH_JOB, async (job, { tx }) => {
  const [workspace] = await tx.query<{ timeZone: string }>(`SELECT "timeZone" FROM "Workspace" WHERE "id" = $1`, [job.workspaceId]);
  if (!workspace) return;
  await refreshPredictions({ workspaceId: job.workspaceId, timeZone: workspace.timeZone });
});
