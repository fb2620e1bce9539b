import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { jobKindLabel } from "@/lib/jobs/labels";
import type { JobState } from "@/lib/jobs/schemas";
import { RetryJobButton } from "./retry-job-button";

/** One job as the page shows it: times already formatted in the workspace's zone. */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  attempts: string;
  /** "Runs 10:42", "Started 10:42", "Failed 10:42", "Finished 10:42". */
  when: string;
  whenIso: string;
  lastError: string | null;
  dedupeKey: string | null;
}

const STATE_BADGES: Record<JobState, { label: string; variant: BadgeVariant }> = {
  queued: { label: "Queued", variant: "neutral" },
  running: { label: "Running", variant: "brand" },
  dead: { label: "Failed", variant: "danger" },
  done: { label: "Done", variant: "success" },
};

/** A section of the jobs page: a titled list that stacks on narrow screens (no table to scroll sideways). */
export function JobList({ title, description, jobs, total, workspace, empty }: { title: string; description: string; jobs: JobView[]; total: number; workspace: string; empty: string }) {
  const headingId = `jobs-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title} <span className="font-normal text-slate-500">({total})</span>
        </h2>
        <p className="text-sm text-slate-500">{description}</p>
      </div>
      <Card className="overflow-hidden">
        {jobs.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-slate-500">{empty}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {jobs.map((job) => (
              <li key={job.id} data-job-id={job.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{jobKindLabel(job.kind)}</span>
                    <Badge variant={STATE_BADGES[job.state].variant}>{STATE_BADGES[job.state].label}</Badge>
                  </div>
                  <p className="text-xs text-slate-500">
                    <time dateTime={job.whenIso}>{job.when}</time> · {job.attempts}
                    {job.dedupeKey ? <> · <span className="[overflow-wrap:anywhere]">{job.dedupeKey}</span></> : null}
                  </p>
                  {job.lastError && (
                    <p className={`text-sm break-words whitespace-pre-wrap ${job.state === "dead" ? "text-red-700" : "text-slate-600"}`}>
                      <span className="font-medium">{job.state === "dead" ? "Error: " : "Last error: "}</span>
                      {job.lastError}
                    </p>
                  )}
                </div>
                {job.state === "dead" && <RetryJobButton workspace={workspace} jobId={job.id} label={jobKindLabel(job.kind)} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}
