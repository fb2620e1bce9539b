import { Download, GitCompare, ListFilter, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { BreakdownChart } from "@/components/dashboard/breakdown-chart";
import { HeadlineCards } from "@/components/dashboard/headline-cards";
import { RevenuePerMonth, SizeOverTime } from "@/components/dashboard/history-charts";
import { JoinedLeftCards, RecentChangesCard } from "@/components/dashboard/membership-activity";
import { TopMembers } from "@/components/dashboard/top-members";
import { SegmentTabs } from "@/components/segments/segment-tabs";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { dayLabel, instantLabel } from "@/lib/dashboard/format";
import { categoryLabel } from "@/lib/dashboard/labels";
import { getMembershipHistory } from "@/lib/dashboard/membership-history";
import { computeDashboard, getDashboardSegment, type DashboardSegment } from "@/lib/dashboard/queries";
import type { SegmentDashboard } from "@/lib/dashboard/types";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { membershipNote } from "@/lib/membership/as-of";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { listSnapshots } from "@/lib/snapshots/queries";

export const metadata: Metadata = { title: "Segment dashboard" };

type Props = { params: Promise<{ workspace: string; segmentId: string }> };

async function loadSegment(ctx: { workspaceId: string }, id: string): Promise<DashboardSegment> {
  try {
    return await getDashboardSegment(ctx, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}

/** The dashboard, or the reason it could not be computed (an outdated definition, a timeout) for the user. */
async function loadDashboard(ctx: { workspaceId: string; timeZone: string }, segment: DashboardSegment): Promise<{ ok: true; dashboard: SegmentDashboard } | { ok: false; title: string; detail: string }> {
  try {
    return { ok: true, dashboard: await computeDashboard(ctx, segment.definition, { segmentId: segment.id }) };
  } catch (e) {
    if (e instanceof InvalidDefinitionError) {
      return { ok: false, title: "This segment's rules are no longer valid, so its numbers cannot be computed.", detail: e.errors.map((x) => `${x.path}: ${x.message}`).join("; ") };
    }
    if (e instanceof AppError && e.code === "timeout") return { ok: false, title: "The dashboard took too long to compute.", detail: e.message };
    throw e;
  }
}

export default async function SegmentDashboardPage({ params }: Props) {
  const { workspace, segmentId } = await params;
  const ctx = await requireContext(workspace, "segments.read");
  const segment = await loadSegment(ctx, segmentId);
  const result = await loadDashboard(ctx, segment);
  const base = `/w/${ctx.workspaceSlug}/segments`;
  const canExport = can(ctx.role, "customers.export");
  const canEditRules = can(ctx.role, "segments.write");

  return (
    <div className="space-y-6">
      <SegmentTabs workspace={ctx.workspaceSlug} segmentId={segment.id} current="dashboard" />
      <div>
        <Link href={base} className="text-sm text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
        <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{segment.name}</h1>
            {segment.description && <p className="mt-1 text-sm text-slate-600">{segment.description}</p>}
            {result.ok && (
              <p className="mt-1 text-xs text-slate-500">
                <span data-testid="membership-note" className="font-medium text-slate-700">
                  {membershipNote({ usable: result.dashboard.membership.usable, asOf: result.dashboard.membership.asOf ? new Date(result.dashboard.membership.asOf) : null }, ctx.timeZone)}
                </span>
                . Computed <time dateTime={result.dashboard.computedAt}>{instantLabel(result.dashboard.computedAt, ctx.timeZone)}</time> ({ctx.timeZone}) from{" "}
                {result.dashboard.membership.usable ? "stored members" : "live data"} in {(result.dashboard.elapsedMs / 1000).toFixed(1)} s. Revenue counts paid orders only (refunded, cancelled and pending orders are left out), as each
                customer&apos;s total spent does.
              </p>
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <Link href={`${base}/${segment.id}`} className={buttonClasses({ variant: "secondary" })}>
              <ListFilter aria-hidden className="size-4" />
              {canEditRules ? "Edit rules" : "View rules"}
            </Link>
            <Link href={`${base}/${segment.id}/members`} className={buttonClasses({ variant: "secondary" })}>
              <Users aria-hidden className="size-4" />
              Members
            </Link>
            <Link href={`${base}/compare?ids=${segment.id}`} className={buttonClasses({ variant: "secondary" })}>
              <GitCompare aria-hidden className="size-4" />
              Compare
            </Link>
            {canExport && result.ok && (
              <a href={`${base}/${segment.id}/dashboard/export`} download className={buttonClasses({ variant: "primary" })}>
                <Download aria-hidden className="size-4" />
                Export members (CSV)
              </a>
            )}
          </div>
        </header>
      </div>

      {!result.ok ? (
        <Alert variant="error" title={result.title}>
          {result.detail}
        </Alert>
      ) : (
        <DashboardBody dashboard={result.dashboard} ctx={ctx} segmentId={segment.id} />
      )}
    </div>
  );
}

async function DashboardBody({ dashboard: d, ctx, segmentId }: { dashboard: SegmentDashboard; ctx: { workspaceId: string; workspaceSlug: string; timeZone: string }; segmentId: string }) {
  const [snapshots, history] = await Promise.all([listSnapshots(ctx, segmentId, d.today), getMembershipHistory(ctx, segmentId, new Date(d.computedAt))]);
  return (
    <>
      <HeadlineCards headline={d.headline} />
      <section aria-labelledby="joined-left-title" className="space-y-3">
        <h2 id="joined-left-title" className="text-lg font-semibold text-slate-900">
          Who joined and left
        </h2>
        <JoinedLeftCards windows={history.windows} />
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <RecentChangesCard
            title="Recent joiners" description="The latest customers to enter the segment, and why." testId="recent-joiners"
            changes={history.joiners} workspaceSlug={ctx.workspaceSlug} timeZone={ctx.timeZone} empty="No one has joined since stored membership began."
          />
          <RecentChangesCard
            title="Recent leavers" description="The latest customers to leave the segment, and why." testId="recent-leavers"
            changes={history.leavers} workspaceSlug={ctx.workspaceSlug} timeZone={ctx.timeZone} empty="No one has left since stored membership began."
          />
        </div>
      </section>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card>
          <CardContent>
            <SizeOverTime snapshots={snapshots} logged={history.sizes} today={d.today} liveMembers={d.headline.members} />
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <RevenuePerMonth monthly={d.monthly} today={d.today} />
          </CardContent>
        </Card>
      </div>
      <section aria-labelledby="breakdowns-title" className="space-y-3">
        <h2 id="breakdowns-title" className="text-lg font-semibold text-slate-900">
          Who the members are
        </h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {d.breakdowns.map((b) => (
            <Card key={b.dimension}>
              <CardContent>
                <BreakdownChart breakdown={b} members={d.headline.members} />
              </CardContent>
            </Card>
          ))}
          <Card>
            <CardContent>
              <BarChart
                title="Top product categories"
                description={`Paid revenue of the members' order items per category since ${dayLabel(d.categoriesSinceDay)} (last 90 days).`}
                valueColumn="Revenue"
                extraColumns={["Items"]}
                format="money"
                empty="The members bought nothing in the last 90 days."
                data={d.categories.map((c) => ({ label: categoryLabel(c.category), value: Number(c.revenue), display: formatMoney(c.revenue), extra: [c.quantity.toLocaleString("en-US")] }))}
              />
            </CardContent>
          </Card>
        </div>
      </section>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Most valuable members</CardTitle>
            <CardDescription>The 10 members with the highest paid revenue, all time.</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <TopMembers members={d.topMembers} workspaceSlug={ctx.workspaceSlug} timeZone={ctx.timeZone} />
        </CardContent>
      </Card>
    </>
  );
}
