import { History } from "lucide-react";
import { BarLineChart } from "@/components/charts/bar-line-chart";
import { LineChart } from "@/components/charts/line-chart";
import { dayLabel, dayNumber } from "@/lib/dashboard/format";
import { revenueMonths } from "@/lib/dashboard/monthly";
import type { SizePoint } from "@/lib/dashboard/membership-series";
import type { MonthRevenue } from "@/lib/dashboard/types";
import { formatCount } from "@/lib/format";
import type { SnapshotPoint } from "@/lib/snapshots/queries";

/**
 * Members at the end of each local day: exact from the membership change log since its first
 * logged day, from the daily snapshots before it, and today's count (stored or live) as the last
 * point. Without any earlier day there is nothing to draw: today's size and when the line starts.
 */
export function SizeOverTime({ snapshots, logged, today, liveMembers }: { snapshots: SnapshotPoint[]; logged: SizePoint[]; today: string; liveMembers: number }) {
  const logStart = logged[0]?.day ?? today;
  const fromSnapshots = snapshots.filter((s) => s.day < logStart && s.day < today);
  const fromLog = logged.filter((p) => p.day < today);
  const pastCount = fromSnapshots.length + fromLog.length;
  if (pastCount === 0) {
    return (
      <figure aria-labelledby="size-over-time-title" className="min-w-0" data-testid="size-over-time-empty">
        <figcaption id="size-over-time-title" className="text-sm font-semibold text-slate-800">
          Size over time
        </figcaption>
        <div className="mt-3 flex items-start gap-3 rounded-md bg-slate-50 px-4 py-5">
          <History aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-600" />
          <div>
            <p className="text-sm text-slate-800">
              <span className="text-2xl font-semibold tabular-nums text-slate-900">{formatCount(liveMembers)}</span> members today ({dayLabel(today)})
            </p>
            <p className="mt-1 text-sm text-slate-600">History starts today — one snapshot a day, so the line appears from tomorrow.</p>
          </div>
        </div>
      </figure>
    );
  }
  const days = [...fromSnapshots.map((s) => s.day), ...fromLog.map((p) => p.day), today];
  const values = [...fromSnapshots.map((s) => s.memberCount), ...fromLog.map((p) => p.size), liveMembers];
  const sources = [
    fromLog.length > 0 ? `exact from the membership change log since ${dayLabel(fromLog[0].day)}` : null,
    fromSnapshots.length > 0 ? `from daily snapshots${fromLog.length > 0 ? " before that" : ""} (${formatCount(fromSnapshots.length)} day${fromSnapshots.length === 1 ? "" : "s"})` : null,
  ].filter(Boolean);
  return (
    <LineChart
      title="Size over time"
      description={`Members at the end of each day (workspace time zone), ${sources.join(", ")}; the last point is today's count.`}
      labels={days.map((d) => (d === today ? `${dayLabel(d)} (now)` : dayLabel(d)))}
      positions={days.map(dayNumber)}
      series={[{ name: "Members", values, displays: values.map(formatCount), tone: "brand" }]}
    />
  );
}

/**
 * Members' paid revenue per calendar month (bars) and their share of all customers' revenue (a
 * line on its own axis): on one scale a small segment lies flat under everyone's total.
 */
export function RevenuePerMonth({ monthly, today }: { monthly: MonthRevenue[]; today: string }) {
  const r = revenueMonths(monthly, today);
  return (
    <BarLineChart
      title="Revenue per month"
      description="Members' paid orders per calendar month (workspace time zone) and their share of all customers' revenue; the current month is counted so far."
      labels={r.labels}
      bars={{ name: "Members' revenue", values: r.memberRevenue, displays: r.memberDisplays, format: "money" }}
      line={{ name: "Share of all revenue", values: r.share, displays: r.shareDisplays, format: "percent" }}
      extraColumns={[{ name: "All customers' revenue", displays: r.allDisplays }]}
      partialLast={r.partialLast}
    />
  );
}
