import { workspaceRoute } from "@/lib/auth/route";
import { exportSegmentMembersCsv, memberExportFilename } from "@/lib/dashboard/export";
import { getDashboardSegment } from "@/lib/dashboard/queries";

type Params = { params: Promise<{ workspace: string; segmentId: string }> };

/** Every member of the segment as a CSV download, streamed; needs the export permission. */
export async function GET(req: Request, route: Params): Promise<Response> {
  const { segmentId } = await route.params;
  const handler = workspaceRoute(
    async (ctx) => {
      const segment = await getDashboardSegment(ctx, segmentId);
      const stream = await exportSegmentMembersCsv(ctx, segment);
      return new Response(stream, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${memberExportFilename(segment.name, ctx.timeZone)}"`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    },
    { permission: "customers.export" },
  );
  return handler(req, route);
}
