import type { Metadata } from "next";
import { BreakdownList } from "@/components/overview/breakdown-list";
import { RevenueChart } from "@/components/overview/revenue-chart";
import { StatCard } from "@/components/overview/stat-card";
import { requireContext } from "@/lib/auth/context";
import { formatCount, formatMoney } from "@/lib/format";
import { getWorkspaceOverview } from "@/lib/overview/queries";

export const metadata: Metadata = { title: "Overview" };

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export default async function OverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "workspace.read");
  const o = await getWorkspaceOverview(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{ctx.workspaceName}</h1>
        <p className="mt-1 text-sm text-slate-500">
          Overview · times in {ctx.timeZone} · computed {new Date().toLocaleString("en-GB", { timeZone: ctx.timeZone, dateStyle: "medium", timeStyle: "short" })}
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard label="Customers" value={formatCount(o.customers)} detail={`${formatCount(o.newCustomers30d)} new in the last 30 days`} />
        <StatCard
          label="Paid orders"
          value={formatCount(o.paidOrders)}
          detail={o.averageOrderValue ? `Average order ${formatMoney(o.averageOrderValue)}` : "No paid orders yet"}
        />
        <StatCard label="Revenue" value={formatMoney(o.revenue)} detail={`${formatMoney(o.revenue30d)} in the last 30 days`} />
        <StatCard
          label="Segments"
          value={formatCount(o.segments)}
          detail={`${formatCount(o.customFields)} custom field${o.customFields === 1 ? "" : "s"} defined`}
        />
      </dl>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <RevenueChart data={o.monthlyRevenue} currentMonth={o.currentMonth} />
      </section>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <BreakdownList
          title="Lifecycle stage"
          total={o.customers}
          rows={o.lifecycle.map((l) => ({ label: l.stage.charAt(0).toUpperCase() + l.stage.slice(1), count: l.customers }))}
        />
        <BreakdownList title="Top countries" total={o.customers} rows={o.topCountries.map((c) => ({ label: countryName(c.country), count: c.customers }))} />
      </div>
    </div>
  );
}
