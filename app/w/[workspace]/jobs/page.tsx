import type { Metadata } from "next";
import { connection } from "next/server";
import { JobList, type JobView } from "@/components/jobs/job-list";
import { requireContext } from "@/lib/auth/context";
import { listJobs, type JobRow } from "@/lib/jobs/queries";

export const metadata: Metadata = { title: "Jobs" };

const WHEN: Record<JobRow["state"], string> = { queued: "Runs", running: "Started", dead: "Failed", done: "Finished" };

export default async function JobsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await connection();
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "jobs.manage");
  const jobs = await listJobs(ctx);
  const format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: ctx.timeZone });
  const view = (row: JobRow): JobView => {
    const at = row.state === "queued" ? row.runAt : row.state === "running" ? row.updatedAt : (row.finishedAt ?? row.updatedAt);
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      attempts: `attempt ${row.attempts} of ${row.maxAttempts}`,
      when: `${WHEN[row.state]} ${format.format(at)}`,
      whenIso: at.toISOString(),
      lastError: row.lastError,
      dedupeKey: row.dedupeKey,
    };
  };
  const section = (state: JobRow["state"]) => ({ jobs: jobs[state].rows.map(view), total: jobs[state].total, workspace: ctx.workspaceSlug });
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Jobs</h1>
        <p className="mt-1 text-sm text-slate-500">
          Work {ctx.workspaceName} runs in the background: daily segment snapshots and RFM refreshes, and what changes set off. A failed job is retried with growing
          delays; after its last attempt it waits here for a retry. Times are in {ctx.timeZone}.
        </p>
      </div>
      <JobList title="Failed" description="Gave up after their attempts" empty="No failed jobs." {...section("dead")} />
      <JobList title="Running" description="Being worked on now" empty="Nothing is running." {...section("running")} />
      <JobList title="Queued" description="Waiting, soonest first (retries included)" empty="Nothing is waiting." {...section("queued")} />
      <JobList title="Done recently" description="Kept for 30 days" empty="No job has finished in the last 30 days." {...section("done")} />
    </div>
  );
}
