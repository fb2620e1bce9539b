/**
 * The daily segment snapshots as a job of the runner (lib/jobs): one "segment.snapshots" job per
 * workspace and local day. Taking them is idempotent (ON CONFLICT DO NOTHING on the day's row), so
 * a job retaken after a crash only writes what is still missing. A segment whose rules no longer
 * validate is logged and skipped, not retried: the others' snapshots are what matters.
 */
import "server-only";
import { defineDailyJob } from "@/lib/jobs/registry";
import { takeSnapshots } from "./take";

export const SNAPSHOT_JOB = "segment.snapshots";

defineDailyJob(SNAPSHOT_JOB, async (job) => {
  const [result] = await takeSnapshots(new Date(), { workspaceId: job.workspaceId, date: job.payload.day });
  if (!result) return; // the workspace is gone
  if (result.taken + result.failed.length > 0) {
    console.log(`Segment snapshots of ${result.slug} ${result.day}: ${result.taken} taken, ${result.failed.length} failed${result.failed.map((f) => `; "${f.name}": ${f.error}`).join("")}.`);
  }
});
