import { workspaceRoute } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { getImportJob } from "@/lib/import/queries";
import { resumeInterruptedImports } from "@/lib/import/runner";

type Params = { params: Promise<{ workspace: string; jobId: string }> };

/** An import's progress (rows done of the total) and counts, polled by the progress bar. */
export function GET(req: Request, route: Params): Promise<Response> {
  return workspaceRoute(
    async (ctx) => {
      const { jobId } = await route.params;
      const job = await getImportJob(ctx, jobId);
      if (!job) throw new AppError("not_found", "There is no such import in this workspace.");
      if (job.status === "running") await resumeInterruptedImports(ctx.workspaceId);
      return Response.json(
        {
          status: job.status, totalRows: job.totalRows, processedRows: job.processedRows, created: job.created, updated: job.updated,
          skipped: job.skipped, failed: job.failed, error: job.error, finishedAt: job.finishedAt?.toISOString() ?? null,
        },
        { headers: { "cache-control": "no-store" } },
      );
    },
    { permission: "customers.import" },
  )(req, route);
}
