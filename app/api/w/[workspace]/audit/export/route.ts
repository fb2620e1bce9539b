import { workspaceRoute } from "@/lib/auth/route";
import { auditExportFilename, exportAuditCsv } from "@/lib/audit/export";
import { auditSearchSchema, filtersOf } from "@/lib/audit/schemas";

/** The audit log under the page's filters (the same URL parameters) as a CSV download, streamed; admins only. */
export const GET = workspaceRoute(
  async (ctx, req) => {
    const search = auditSearchSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const stream = await exportAuditCsv(ctx, filtersOf(search));
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${auditExportFilename(ctx.workspaceSlug, ctx.timeZone)}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "audit.read" },
);
