import type { Metadata } from "next";
import { ImportHistory } from "@/components/import/import-history";
import { UploadForm } from "@/components/import/upload-form";
import { requireContext } from "@/lib/auth/context";
import { listImportJobs } from "@/lib/import/queries";
import { resumeInterruptedImports } from "@/lib/import/runner";
import { importTypeSchema } from "@/lib/import/schemas";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ type?: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "customers.import");
  await resumeInterruptedImports(ctx.workspaceId);
  const jobs = await listImportJobs(ctx);
  const type = importTypeSchema.safeParse((await searchParams).type);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Import</h1>
        <p className="mt-1 text-sm text-slate-500">
          Bring customers, orders or events from a CSV file. You choose which column goes where and see a preview before anything is written.
        </p>
      </header>
      <UploadForm workspace={ctx.workspaceSlug} initialType={type.success ? type.data : "customers"} />
      <ImportHistory workspace={ctx.workspaceSlug} jobs={jobs} timeZone={ctx.timeZone} />
    </div>
  );
}
