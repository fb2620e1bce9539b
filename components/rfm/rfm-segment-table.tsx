import { Plus } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount, formatMoney, formatShare } from "@/lib/format";
import type { RfmSegmentSummary } from "@/lib/rfm/queries";
import type { RfmRule } from "@/lib/rfm/rules";

const range = ([lo, hi]: [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);

/** The builder pre-filled with "RFM segment is <name>" (the builder reads ?rfm=). */
export function newSegmentFromRfmHref(workspace: string, segment: string): string {
  return `/w/${workspace}/segments/new?rfm=${encodeURIComponent(segment)}`;
}

/**
 * The segment table: each segment's customers, orders, revenue, average order value and share of
 * revenue, linking to its members; with segments.write, a saved segment can be started from a group.
 */
export function RfmSegmentTable({ workspace, rows, rules, canCreateSegments = false }: { workspace: string; rows: RfmSegmentSummary[]; rules: readonly RfmRule[]; canCreateSegments?: boolean }) {
  return (
    <Table aria-label="RFM segments">
      <THead>
        <tr>
          <TH>Segment</TH>
          <TH>Rule (R · F · M)</TH>
          <TH className="text-right">Customers</TH>
          <TH className="text-right">Orders</TH>
          <TH className="text-right">Revenue</TH>
          <TH className="text-right">Avg order value</TH>
          <TH className="text-right">Share of revenue</TH>
          {canCreateSegments && <TH><span className="sr-only">Create a segment</span></TH>}
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => {
          const rule = rules.find((r) => r.name === row.segment);
          return (
            <TR key={row.segment}>
              <TD>
                <Link href={`/w/${workspace}/rfm/${row.key}`} className="font-medium text-brand-700 hover:underline">{row.segment}</Link>
                {rule?.description && <p className="text-xs text-slate-500">{rule.description}</p>}
              </TD>
              <TD className="text-xs whitespace-nowrap text-slate-500">
                {rule ? `${range(rule.recency)} · ${range(rule.frequency)} · ${range(rule.monetary)}` : row.segment === "Others" ? "no rule matched" : "no longer in the rules"}
              </TD>
              <TD className="text-right tabular-nums">{formatCount(row.customers)}</TD>
              <TD className="text-right tabular-nums">{formatCount(row.orders)}</TD>
              <TD className="text-right tabular-nums">{formatMoney(row.revenue)}</TD>
              <TD className="text-right tabular-nums">{row.aov === null ? "—" : formatMoney(row.aov)}</TD>
              <TD className="text-right tabular-nums">{formatShare(row.revenueShare)}</TD>
              {canCreateSegments && (
                <TD className="text-right">
                  <Link href={newSegmentFromRfmHref(workspace, row.segment)} className={buttonClasses({ variant: "ghost", size: "sm" })} aria-label={`New segment from ${row.segment}`}>
                    <Plus aria-hidden className="size-4" />
                    New segment
                  </Link>
                </TD>
              )}
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
