import { ArrowDown, ArrowUp, ArrowUpDown, Plus, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { CompareButton, CompareCheckbox, CompareSelection } from "@/components/segments/segment-compare";
import { SegmentRowActions } from "@/components/segments/segment-row-actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { formatInstant } from "@/lib/customers/display";
import { formatCount, formatShare } from "@/lib/format";
import { membershipNote, shortMembershipNote } from "@/lib/membership/as-of";
import { listSegments } from "@/lib/segments/saved-queries";
import { segmentListParamsSchema, type SegmentListParams } from "@/lib/segments/saved-schemas";

export const metadata: Metadata = { title: "Segments" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function SortLink({ base, params, sort, label }: { base: string; params: SegmentListParams; sort: SegmentListParams["sort"]; label: string }) {
  const active = params.sort === sort;
  const dir = active && params.dir === "asc" ? "desc" : active ? "asc" : sort === "name" ? "asc" : "desc";
  const query = new URLSearchParams({ ...(params.q ? { q: params.q } : {}), sort, dir });
  const Icon = !active ? ArrowUpDown : params.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <Link href={`${base}?${query}`} className="inline-flex items-center gap-1 hover:text-slate-900" aria-label={`Sort by ${label}, ${dir === "asc" ? "ascending" : "descending"}`}>
      {label}
      <Icon aria-hidden className={`size-3.5 ${active ? "" : "text-slate-300"}`} />
    </Link>
  );
}

export default async function SegmentsPage({ params, searchParams }: Props) {
  await connection();
  const [{ workspace }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireContext(workspace, "segments.read");
  const list = segmentListParamsSchema.parse({ q: first(search.q) ?? "", sort: first(search.sort), dir: first(search.dir) });
  const { rows, total } = await listSegments(ctx, list);
  const base = `/w/${ctx.workspaceSlug}/segments`;
  const canWrite = can(ctx.role, "segments.write");
  const compare = rows.length >= 2;
  const ariaSort = (s: SegmentListParams["sort"]) => (list.sort === s ? (list.dir === "asc" ? "ascending" : "descending") : undefined);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Segments</h1>
          <p className="mt-1 text-sm text-slate-500">
            Saved rules; member counts are stored and kept exact as customers change (as of the time shown), or counted live while the stored members are being
            updated ({formatCount(total)} customers in the workspace).
          </p>
        </div>
        {canWrite && (
          <Link href={`${base}/new`} className={buttonClasses()}>
            <Plus aria-hidden className="size-4" />
            New segment
          </Link>
        )}
      </header>
      <CompareSelection>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <form role="search" action={base} className="flex w-full max-w-md gap-2">
            <label htmlFor="segment-search" className="sr-only">Search segments</label>
            <Input id="segment-search" name="q" defaultValue={list.q} placeholder="Search by name or description" />
            <input type="hidden" name="sort" value={list.sort} />
            <input type="hidden" name="dir" value={list.dir} />
            <Button type="submit" variant="secondary">
              <Search aria-hidden className="size-4" />
              Search
            </Button>
          </form>
          {compare && <CompareButton workspace={ctx.workspaceSlug} />}
        </div>
        {rows.length === 0 ? (
          <Alert variant="info">
            {list.q ? `No segment matches "${list.q}".` : canWrite ? "No segments yet. Create one to group customers by who they are and what they do." : "No segments yet."}
          </Alert>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <Table>
              <THead>
                <TR>
                  {compare && <TH className="w-10"><span className="sr-only">Compare</span></TH>}
                  <TH aria-sort={ariaSort("name")}><SortLink base={base} params={list} sort="name" label="Name" /></TH>
                  <TH aria-sort={ariaSort("members")} className="text-right"><SortLink base={base} params={list} sort="members" label="Members" /></TH>
                  <TH className="text-right">Share</TH>
                  <TH aria-sort={ariaSort("updated")}><SortLink base={base} params={list} sort="updated" label="Last changed" /></TH>
                  {canWrite && <TH className="text-right"><span className="sr-only">Actions</span></TH>}
                </TR>
              </THead>
              <TBody>
                {rows.map((r) => (
                  <TR key={r.id} data-testid="segment-row">
                    {compare && <TD className="w-10"><CompareCheckbox id={r.id} name={r.name} /></TD>}
                    <TD className="max-w-md">
                      <Link href={`${base}/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link>
                      {r.description && <p className="truncate text-xs text-slate-500">{r.description}</p>}
                    </TD>
                    <TD className="text-right tabular-nums">
                      <span data-testid="segment-members">
                        {r.members !== null ? (
                          <Link href={`${base}/${r.id}/members`} className="hover:text-brand-700 hover:underline" aria-label={`${formatCount(r.members)} members of ${r.name}`}>
                            {formatCount(r.members)}
                          </Link>
                        ) : (
                          <span className="text-xs text-amber-700">{r.countProblem}</span>
                        )}
                      </span>
                      {r.members !== null && (
                        <span className="block text-xs font-normal text-slate-500" title={membershipNote(r.membership, ctx.timeZone)} data-testid="segment-members-source">
                          {shortMembershipNote(r.membership, ctx.timeZone)}
                        </span>
                      )}
                    </TD>
                    <TD className="text-right tabular-nums">{r.share !== null ? formatShare(r.share) : "—"}</TD>
                    <TD className="text-sm text-slate-600">
                      <time dateTime={r.updatedAt.toISOString()}>{formatInstant(r.updatedAt, ctx.timeZone)}</time>
                      {r.updatedBy && <span> by {r.updatedBy.name}</span>}
                    </TD>
                    {canWrite && <TD><SegmentRowActions workspace={ctx.workspaceSlug} id={r.id} name={r.name} /></TD>}
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </CompareSelection>
    </div>
  );
}
