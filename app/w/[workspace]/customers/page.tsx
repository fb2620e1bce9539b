import type { Metadata } from "next";
import Link from "next/link";
import { CustomersTable } from "@/components/customers/table-view";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listCustomers, type CustomerListPage } from "@/lib/customers/list";
import { findListColumn, pickableListColumns } from "@/lib/customers/list-columns";
import { formatListRows } from "@/lib/customers/list-format";
import { parseListView, type CustomerListView } from "@/lib/customers/list-schemas";
import { listSegmentNames } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { InvalidDefinitionError } from "@/lib/segments/errors";

export const metadata: Metadata = { title: "Customers" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Why the segment filter could not be applied, in the user's words; other errors are not this page's to explain. */
function filterProblem(e: unknown, name: string): string | null {
  if (e instanceof InvalidDefinitionError) return `The rules of “${name}” are no longer valid (${e.errors[0]?.path}: ${e.errors[0]?.message}), so its members cannot be listed. Open the segment to fix them.`;
  if (e instanceof AppError && e.code === "timeout") return e.message;
  return null;
}

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
    const problem = filtered ? filterProblem(e, filtered.name) : null;
    if (!problem || !filtered) throw e;
    notice = (
      <>
        {problem} <Link href={`/w/${ctx.workspaceSlug}/segments/${filtered.id}`} className="font-medium underline">Open “{filtered.name}”</Link>
      </>
    );
    view = { ...view, segment: null };
    page = await listCustomers(ctx, view, { catalog });
  }
  const pickable = pickableListColumns(catalog).map((g) => ({ group: g.group, columns: g.columns.map((c) => ({ key: c.key, label: c.label })) }));
  return (
    <div className="space-y-4">
      {notice && <Alert variant="warning">{notice}</Alert>}
      <CustomersTable
        workspace={ctx.workspaceSlug}
        view={view}
        columns={page.columns}
        rows={formatListRows(page, ctx.timeZone)}
        total={page.total}
        totalIsExact={page.totalIsExact}
        hasNextPage={page.hasNextPage}
        pickable={pickable}
        sortLabel={findListColumn(catalog, view.sort)?.label ?? view.sort}
        can={{ write: can(ctx.role, "customers.write"), import: can(ctx.role, "customers.import"), export: can(ctx.role, "customers.export") }}
        timeZone={ctx.timeZone}
        segmentChoices={segments}
      />
    </div>
  );
}
