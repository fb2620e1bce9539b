import { workspaceRoute } from "@/lib/auth/route";
import { exportCustomersCsv } from "@/lib/customers/export";
import { exportFilename } from "@/lib/customers/export-csv";
import { parseListView } from "@/lib/customers/list-schemas";
import { getCatalog } from "@/lib/fields/queries";

/** The customer table's current view (the same URL parameters as the page) as a CSV download, streamed. */
export const GET = workspaceRoute(
  async (ctx, req) => {
    const catalog = await getCatalog(ctx);
    const view = parseListView(new URL(req.url).searchParams, catalog);
    const { stream } = await exportCustomersCsv(ctx, view, { catalog });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFilename(ctx.workspaceSlug, ctx.timeZone)}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "customers.export" },
);
