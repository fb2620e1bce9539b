import type { Metadata } from "next";
import Link from "next/link";
import { CustomersTable } from "@/components/customers/table-view";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listCustomers, type CustomerListPage } from "@/lib/customers/list";
import { customerTableData, segmentListProblem } from "@/lib/customers/list-page";
import { parseListView, type CustomerListView } from "@/lib/customers/list-schemas";
import { listSegmentNames } from "@/lib/dashboard/queries";
import { getCatalog } from "@/lib/fields/queries";

export const metadata: Metadata = { title: "Customers" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CustomersPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "customers.read");
  const [catalog, segments] = await Promise.all([getCatalog(ctx), listSegmentNames(ctx)]);
  const requested = parseListView(await searchParams, catalog);
  // A segment id that is not one of this workspace's segments (deleted, mistyped, another workspace's) is ignored, and said so.
  const filtered = requested.segment ? segments.find((s) => s.id === requested.segment?.id) : undefined;
  let notice: React.ReactNode = requested.segment && !filtered ? "The segment in this link doesn't exist in this workspace (it may have been deleted), so all customers are shown." : null;
  let view: CustomerListView = filtered ? requested : { ...requested, segment: null };

  let page: CustomerListPage;
  try {
    page = await listCustomers(ctx, view, { catalog });
  } catch (e) {
    const problem = filtered ? segmentListProblem(e, filtered.name) : null;
    if (!problem || !filtered) throw e;
    notice = (
      <>
        {problem.title} {problem.detail} <Link href={`/w/${ctx.workspaceSlug}/segments/${filtered.id}`} className="font-medium underline">Open “{filtered.name}”</Link>
      </>
    );
    view = { ...view, segment: null };
    page = await listCustomers(ctx, view, { catalog });
  }
  return (
    <div className="space-y-4">
      {notice && <Alert variant="warning">{notice}</Alert>}
      <CustomersTable
        workspace={ctx.workspaceSlug}
        {...customerTableData(page, view, catalog, ctx.timeZone)}
        can={{ write: can(ctx.role, "customers.write"), import: can(ctx.role, "customers.import"), export: can(ctx.role, "customers.export") }}
        segmentChoices={segments}
      />
    </div>
  );
}
