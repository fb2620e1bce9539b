import { LineChart } from "@/components/charts/line-chart";
import { dayLabel, dayNumber, monthLabel } from "@/lib/dashboard/format";
import type { MonthRevenue } from "@/lib/dashboard/types";
import { formatCount, formatMoney } from "@/lib/format";
import type { SnapshotPoint } from "@/lib/snapshots/queries";

/** Members per day from the daily snapshots, with today's live count as the last point. */
export function SizeOverTime({ snapshots, today, liveMembers }: { snapshots: SnapshotPoint[]; today: string; liveMembers: number }) {
  const past = snapshots.filter((s) => s.day < today);
  const days = [...past.map((s) => s.day), today];
  const values = [...past.map((s) => s.memberCount), liveMembers];
  return (
    <LineChart
      title="Size over time"
      description={`Members on each day from the daily snapshots (${formatCount(past.length)} earlier day${past.length === 1 ? "" : "s"}); the last point is today's live count.`}
      labels={days.map((d) => (d === today ? `${dayLabel(d)} (live)` : dayLabel(d)))}
      positions={days.map(dayNumber)}
      series={[{ name: "Members", values, displays: values.map(formatCount), tone: "brand" }]}
    />
  );
}

/** Paid revenue per calendar month of the members against every customer's. */
export function RevenuePerMonth({ monthly }: { monthly: MonthRevenue[] }) {
  return (
    <LineChart
      title="Revenue per month"
      description="Paid orders per calendar month (workspace time zone), the current month to date: members against all customers."
      labels={monthly.map((m) => monthLabel(m.month))}
      format="money"
      series={[
        { name: "Members", values: monthly.map((m) => Number(m.memberRevenue)), displays: monthly.map((m) => formatMoney(m.memberRevenue)), tone: "brand" },
        { name: "All customers", values: monthly.map((m) => Number(m.allRevenue)), displays: monthly.map((m) => formatMoney(m.allRevenue)), tone: "slate" },
      ]}
    />
  );
}
