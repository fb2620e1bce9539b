/**
 * Stored membership on the job runner (lib/jobs): a worker that syncs and drains every workspace
 * (full evaluations that are due, then the customers queued by writes), and a daily
 * "membership.day" job per workspace after its local midnight that re-evaluates what depends on
 * today. Both are safe to repeat: each evaluation applies a difference in one transaction.
 */
import "server-only";
import { defineDailyJob, registerWorker } from "@/lib/jobs/registry";
import { membershipDayChange, membershipWorker } from "./sync";

export const MEMBERSHIP_WORKER = "membership";
export const MEMBERSHIP_DAY_JOB = "membership.day";
/** How long the worker sleeps when nothing was queued: a write is applied within about this long. */
export const MEMBERSHIP_IDLE_MS = 500;

registerWorker(MEMBERSHIP_WORKER, membershipWorker, { idleMs: MEMBERSHIP_IDLE_MS });
defineDailyJob(MEMBERSHIP_DAY_JOB, async (job) => {
  await membershipDayChange(job.workspaceId, new Date());
});
