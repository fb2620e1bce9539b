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
import { customerTableData, segmentListProblem } from "@/lib/customers/list-page";
import { parseListView } from "@/lib/customers/list-schemas";
import { getCatalog } from "@/lib/fields/queries";
import { membershipNote } from "@/lib/membership/as-of";
import { storedMembership } from "@/lib/membership/read";
import { countSegment } from "@/lib/segments/count";
import { getSegment } from "@/lib/segments/saved-queries";
import { segmentIdSchema } from "@/lib/segments/saved-schemas";

export const metadata: Metadata = { title: "Segment members" };

type Props = {
  params: Promise<{ workspace: string; segmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The segment's Members tab: the customer table (search, sort, columns, paging, export) over the segment's members: stored when usable (with "as of"), else evaluated live. */
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

  const source = await storedMembership(ctx, segment.id);
  let page: CustomerListPage | null = null;
  let members = 0;
  let problem: { title: string; detail: string } | null = null;
  try {
    page = await listCustomers(ctx, { ...view, segment: { id: segment.id } }, { catalog });
    // With a search the page counts the matches; the headline still names the whole segment.
    members = !view.search.trim() ? page.total : source.usable && source.memberCount !== null ? source.memberCount : await countSegment(ctx, segment.definition);
  } catch (e) {
    problem = segmentListProblem(e, segment.name);
    if (!problem) throw e;
  }

  return (
    <div className="space-y-5">
      <SegmentTabs workspace={ctx.workspaceSlug} segmentId={segment.id} current="members" />
      <div>
        <Link href={`/w/${ctx.workspaceSlug}/segments`} className="text-sm text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{segment.name}</h1>
        {segment.description && <p className="mt-1 text-sm text-slate-600">{segment.description}</p>}
        <p className="mt-1 text-xs text-slate-500" data-testid="membership-note">
          {membershipNote(source, ctx.timeZone)}
        </p>
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
          {...customerTableData(page, view, catalog, ctx.timeZone)}
          can={{ write: false, import: false, export: can(ctx.role, "customers.export") }}
          membersOf={{ id: segment.id, name: segment.name, members }}
        />
      )}
    </div>
  );
}
