import { BarChart } from "@/components/charts/bar-chart";
import type { Breakdown } from "@/lib/dashboard/types";
import { formatCount, formatMoney, formatShare } from "@/lib/format";
import { sumDecimals } from "@/lib/segments/decimal";

/** Rows shown per breakdown; the rest are summed into one "Other" row so totals stay whole. */
export const BREAKDOWN_ROWS = 10;

/** One breakdown of the members as bars (members per value) with share and revenue in the table view. */
export function BreakdownChart({ breakdown, members }: { breakdown: Breakdown; members: number }) {
  const rows = breakdown.rows.slice(0, BREAKDOWN_ROWS);
  const rest = breakdown.rows.slice(BREAKDOWN_ROWS);
  const shown = rest.length === 0 ? rows : [
    ...rows,
    { key: "__other", label: `Other (${rest.length})`, members: rest.reduce((n, r) => n + r.members, 0), revenue: sumDecimals(rest.map((r) => r.revenue)) },
  ];
  return (
    <BarChart
      title={breakdown.title}
      description={
        breakdown.dimension === "rfm"
          ? "Members by RFM segment, from the scores last computed on the RFM page; the table adds each value's share and paid revenue."
          : breakdown.dimension === "churnRisk"
            ? "Members by churn risk, from the last prediction refresh; the table adds each value's share and paid revenue."
            : `Members by ${breakdown.title.toLowerCase()}; the table adds each value's share and paid revenue.`
      }
      valueColumn="Members"
      extraColumns={["Share of members", "Revenue"]}
      empty="The segment has no members."
      data={shown.map((r) => ({
        label: r.label,
        value: r.members,
        display: formatCount(r.members),
        extra: [formatShare(members > 0 ? r.members / members : 0), formatMoney(r.revenue)],
      }))}
    />
  );
}
