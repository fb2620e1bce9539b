import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { CustomersTable } from "@/components/customers/table-view";
import { SegmentTabs } from "@/components/segments/segment-tabs";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listCustomers, type CustomerListPage } from "@/lib/customers/list";
import { findListColumn, pickableListColumns } from "@/lib/customers/list-columns";
import { formatListRows } from "@/lib/customers/list-format";
import { parseListView } from "@/lib/customers/list-schemas";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { countSegment } from "@/lib/segments/count";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { getSegment } from "@/lib/segments/saved-queries";
import { segmentIdSchema } from "@/lib/segments/saved-schemas";

export const metadata: Metadata = { title: "Segment members" };

type Props = {
  params: Promise<{ workspace: string; segmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** What stops the members from being listed, for the user; null for errors that are not expected here. */
function problemOf(e: unknown): { title: string; detail: string } | null {
  if (e instanceof InvalidDefinitionError) {
    return { title: "This segment's rules are no longer valid, so its members cannot be listed.", detail: e.errors.map((x) => `${x.path}: ${x.message}`).join("; ") };
  }
  if (e instanceof AppError && e.code === "timeout") return { title: "Listing the members took too long.", detail: e.message };
  return null;
}

/** The segment's Members tab: the customer table (search, sort, columns, paging, export) over the segment's members, evaluated live. */
export default async function SegmentMembersPage({ params, searchParams }: Props) {
  await connection();
  const [{ workspace, segmentId }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireContext(workspace, "segments.read");
  const id = segmentIdSchema.safeParse(segmentId);
  if (!id.success) notFound();
  const [segment, catalog] = await Promise.all([getSegment(ctx, id.data.toLowerCase()), getCatalog(ctx)]);
  if (!segment) notFound();
  // The segment comes from the path; a segment filter in the query string has no say here.
  const view = { ...parseListView(search, catalog), segment: null };

  let page: CustomerListPage | null = null;
  let members = 0;
  let problem: { title: string; detail: string } | null = null;
  try {
    page = await listCustomers(ctx, { ...view, segment: { id: segment.id } }, { catalog });
    // With a search the page counts the matches; the headline still names the whole segment.
    members = view.search.trim() ? await countSegment(ctx, segment.definition) : page.total;
  } catch (e) {
    problem = problemOf(e);
    if (!problem) throw e;
  }
  const pickable = pickableListColumns(catalog).map((g) => ({ group: g.group, columns: g.columns.map((c) => ({ key: c.key, label: c.label })) }));

  return (
    <div className="space-y-5">
      <SegmentTabs workspace={ctx.workspaceSlug} segmentId={segment.id} current="members" />
      <div>
        <Link href={`/w/${ctx.workspaceSlug}/segments`} className="text-sm text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{segment.name}</h1>
        {segment.description && <p className="mt-1 text-sm text-slate-600">{segment.description}</p>}
      </div>
      {problem || !page ? (
        <Alert variant="error" title={problem?.title}>
          {problem?.detail}{" "}
          <Link href={`/w/${ctx.workspaceSlug}/segments/${segment.id}`} className="font-medium underline">
            Open the rules
          </Link>
        </Alert>
      ) : (
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
          can={{ write: false, import: false, export: can(ctx.role, "customers.export") }}
          timeZone={ctx.timeZone}
          membersOf={{ id: segment.id, name: segment.name, members }}
        />
      )}
    </div>
  );
}
