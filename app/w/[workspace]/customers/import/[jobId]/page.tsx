import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportProgress } from "@/components/import/import-progress";
import { ImportSummary } from "@/components/import/import-summary";
import { MappingStep } from "@/components/import/mapping-step";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { getImportJob, listImportErrors } from "@/lib/import/queries";
import { resumeInterruptedImports } from "@/lib/import/runner";
import { getImportSetup } from "@/lib/import/setup";
import { IMPORT_TYPE_LABELS } from "@/lib/import/targets";

export const metadata: Metadata = { title: "Import" };

export default async function ImportJobPage({ params }: { params: Promise<{ workspace: string; jobId: string }> }) {
  const { workspace, jobId } = await params;
  const ctx = await requireContext(workspace, "customers.import");
  const job = await getImportJob(ctx, jobId);
  if (!job) notFound();
  const back = (
    <Link href={`/w/${ctx.workspaceSlug}/customers/import`} className="text-sm font-medium text-brand-700 hover:underline">
      ← All imports
    </Link>
  );

  if (job.status === "pending") {
    const setup = await getImportSetup(ctx, jobId);
    return (
      <div className="space-y-4">
        {back}
        {setup ? <MappingStep workspace={ctx.workspaceSlug} setup={setup} /> : <Alert variant="error">The uploaded file is no longer available. Upload it again.</Alert>}
      </div>
    );
  }

  if (job.status === "running") await resumeInterruptedImports(ctx.workspaceId);
  const errors = job.status === "running" ? [] : await listImportErrors(ctx, jobId, 10);
  return (
    <div className="space-y-6">
      {back}
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{job.fileName}</h1>
        <p className="mt-1 text-sm text-slate-500">
          {IMPORT_TYPE_LABELS[job.type]} import{job.createdByName ? ` by ${job.createdByName}` : " from the command line"}
        </p>
      </header>
      {job.status === "running" ? (
        <ImportProgress workspace={ctx.workspaceSlug} jobId={job.id} initial={job} />
      ) : (
        <ImportSummary workspace={ctx.workspaceSlug} job={job} errors={errors} />
      )}
    </div>
  );
}
