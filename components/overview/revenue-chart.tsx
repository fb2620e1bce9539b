import { BarLineChart } from "@/components/charts/bar-line-chart";
import { monthLabel } from "@/lib/dashboard/format";
import { formatCount, formatMoney } from "@/lib/format";

/**
 * Paid revenue per calendar month, with the same numbers as a table; the current month (the last,
 * when `currentMonth` is it) is drawn as "so far" rather than as a drop.
 */
export function RevenueChart({ data, currentMonth, currency = "USD" }: { data: { month: string; revenue: number; orders: number }[]; currentMonth: string; currency?: string }) {
  return (
    <BarLineChart
      title="Revenue per month"
      description="Paid orders per calendar month in the workspace's time zone, the last 12 months; the current month is counted so far."
      labels={data.map((d) => monthLabel(d.month))}
      bars={{ name: "Revenue", values: data.map((d) => d.revenue), displays: data.map((d) => formatMoney(d.revenue, currency)), format: "money" }}
      extraColumns={[{ name: "Paid orders", displays: data.map((d) => formatCount(d.orders)) }]}
      partialLast={data.length > 0 && data[data.length - 1].month === currentMonth}
    />
  );
}
