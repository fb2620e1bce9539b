import { workspaceRoute } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { getImportJob, importErrorsCsv } from "@/lib/import/queries";

type Params = { params: Promise<{ workspace: string; jobId: string }> };

function reportName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_").slice(0, 80) || "import";
  return `${base}-errors.csv`;
}

/** The error report of an import as a CSV download: row, column, value, reason — streamed. */
export function GET(req: Request, route: Params): Promise<Response> {
  return workspaceRoute(
    async (ctx) => {
      const { jobId } = await route.params;
      const job = await getImportJob(ctx, jobId);
      if (!job) throw new AppError("not_found", "There is no such import in this workspace.");
      const chunks = importErrorsCsv(ctx, jobId);
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await chunks.return(undefined);
        },
      });
      return new Response(body, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${reportName(job.fileName)}"`,
          "cache-control": "no-store",
        },
      });
    },
    { permission: "customers.import" },
  )(req, route);
}
