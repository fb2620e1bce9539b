import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ScatterChart } from "@/components/charts/scatter-chart";
import { ComparePicker } from "@/components/dashboard/compare-picker";
import { OverlapMatrix } from "@/components/dashboard/overlap-matrix";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireContext } from "@/lib/auth/context";
import { compareIdsSchema, compareSegments, getComparedSegments, type SegmentComparison } from "@/lib/dashboard/compare";
import { instantLabel, moneyOrDash } from "@/lib/dashboard/format";
import { listSegmentNames } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import { formatCount, formatShare } from "@/lib/format";
import { InvalidDefinitionError } from "@/lib/segments/errors";

export const metadata: Metadata = { title: "Compare segments" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const singleIdSchema = z.uuid();

/** ?ids=a,b and ?ids=a&ids=b (the picker form) both name the segments. */
function idsParam(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(",") : value;
}

export default async function CompareSegmentsPage({ params, searchParams }: Props) {
  const [{ workspace }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireContext(workspace, "segments.read");
  const all = await listSegmentNames(ctx);
  const raw = idsParam(search.ids);
  const parsed = raw === null ? null : compareIdsSchema.safeParse(raw);
  // One segment (the dashboard's "Compare" link) is a starting point, not an error: it is pre-checked.
  const single = raw !== null && !parsed?.success ? singleIdSchema.safeParse(raw) : null;
  const selected = parsed?.success ? parsed.data : single?.success ? [single.data] : [];
  if (single?.success && !all.some((s) => s.id === single.data)) notFound();

  let comparison: SegmentComparison | null = null;
  let problem: string | null = parsed && !parsed.success && !single?.success ? parsed.error.issues[0].message : null;
  if (parsed?.success) {
    let segments;
    try {
      segments = await getComparedSegments(ctx, parsed.data);
    } catch (e) {
      if (e instanceof AppError && e.code === "not_found") notFound();
      throw e;
    }
    try {
      comparison = await compareSegments(ctx, segments);
    } catch (e) {
      if (e instanceof InvalidDefinitionError) problem = `A segment's rules are no longer valid: ${e.errors.map((x) => `${x.path}: ${x.message}`).join("; ")}`;
      else if (e instanceof AppError && e.code === "timeout") problem = e.message;
      else throw e;
    }
  }

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/w/${ctx.workspaceSlug}/segments`} className="text-sm text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Compare segments</h1>
        <p className="mt-1 text-sm text-slate-500">Size, value and overlap of 2 to 6 segments, computed from live data. Revenue counts paid orders only.</p>
      </div>
      <Card>
        <CardContent>
          <ComparePicker segments={all} selected={selected} />
        </CardContent>
      </Card>
      {single?.success && (
        <Alert variant="info">Pick at least one more segment to compare with.</Alert>
      )}
      {problem && (
        <Alert variant="error" title="Cannot compare these segments.">
          {problem}
        </Alert>
      )}
      {comparison && <ComparisonBody comparison={comparison} workspaceSlug={ctx.workspaceSlug} timeZone={ctx.timeZone} />}
    </div>
  );
}

function ComparisonBody({ comparison: c, workspaceSlug, timeZone }: { comparison: SegmentComparison; workspaceSlug: string; timeZone: string }) {
  const rows: { label: string; value: (h: SegmentComparison["segments"][number]["headline"]) => string }[] = [
    { label: "Members", value: (h) => formatCount(h.members) },
    { label: "Share of all customers", value: (h) => formatShare(h.memberShare) },
    { label: "Revenue, all time", value: (h) => moneyOrDash(h.revenue) },
    { label: "Share of all revenue", value: (h) => formatShare(h.revenueShare) },
    { label: "Average order value", value: (h) => moneyOrDash(h.averageOrderValue) },
    { label: "Orders per member", value: (h) => (h.ordersPerMember === null ? "—" : h.ordersPerMember.toFixed(2)) },
    { label: "Average member value", value: (h) => moneyOrDash(h.averageMemberValue) },
    { label: "New members, last 30 days", value: (h) => formatCount(h.newMembers) },
  ];
  return (
    <>
      <p className="text-xs text-slate-500">
        Computed <time dateTime={c.computedAt}>{instantLabel(c.computedAt, timeZone)}</time> ({timeZone}) over {formatCount(c.customers)} customers.
      </p>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Headline numbers</CardTitle>
            <CardDescription>Side by side; each segment&apos;s name opens its dashboard.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <Table>
            <caption className="sr-only">Headline numbers of the compared segments</caption>
            <THead>
              <TR>
                <TH>Measure</TH>
                {c.segments.map((s) => (
                  <TH key={s.id} className="text-right">
                    <Link href={`/w/${workspaceSlug}/segments/${s.id}/dashboard`} className="text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                  </TH>
                ))}
              </TR>
            </THead>
            <TBody>
              {rows.map((r) => (
                <TR key={r.label}>
                  <TH scope="row" className="font-normal text-slate-700">
                    {r.label}
                  </TH>
                  {c.segments.map((s) => (
                    <TD key={s.id} className="text-right tabular-nums">
                      {r.value(s.headline)}
                    </TD>
                  ))}
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card>
          <CardContent>
            <ScatterChart
              title="Size against average member value"
              description="Each point is a segment: its members (across) and their average paid revenue per member (up)."
              xLabel="Members"
              yLabel="Average member value"
              yFormat="money"
              points={c.segments.map((s) => ({
                label: s.name,
                x: s.headline.members,
                y: Number(s.headline.averageMemberValue ?? 0),
                xDisplay: formatCount(s.headline.members),
                yDisplay: moneyOrDash(s.headline.averageMemberValue),
              }))}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Overlap</CardTitle>
              <CardDescription>Members in both segments of each pair, and their share of the row&apos;s segment.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <OverlapMatrix segments={c.segments.map((s) => ({ id: s.id, name: s.name, members: s.headline.members }))} overlaps={c.overlaps} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
