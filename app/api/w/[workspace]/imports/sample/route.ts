import { workspaceRoute } from "@/lib/auth/route";
import { getCatalog } from "@/lib/fields/queries";
import { sampleCsv } from "@/lib/import/sample";
import { importTypeSchema } from "@/lib/import/schemas";
import { targetsFor } from "@/lib/import/targets";

/**
 * A sample CSV for an import (?type=customers|orders|events): every column the workspace's import
 * can fill — its custom fields included — named so the mapping step matches each, with two example rows.
 */
export const GET = workspaceRoute(
  async (ctx, req) => {
    const type = importTypeSchema.parse(new URL(req.url).searchParams.get("type") ?? "customers");
    const csv = sampleCsv(type, targetsFor(type, await getCatalog(ctx)));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="segmenta-${type}-sample.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { permission: "customers.import" },
);
