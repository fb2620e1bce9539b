import Link from "next/link";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatMoney } from "@/lib/format";
import type { TopPredictedCustomer } from "@/lib/predict/page-queries";
import type { ChurnRisk } from "@/lib/predict/schemas";

export const CHURN_RISK_BADGES: Readonly<Record<ChurnRisk, { label: string; variant: BadgeVariant }>> = {
  low: { label: "Low", variant: "success" },
  medium: { label: "Medium", variant: "warning" },
  high: { label: "High", variant: "danger" },
};

const purchases = (n: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(n);
const percent = (p: number) => new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 }).format(p);

/** The customers with the highest predicted 12-month value, each linking to their profile. */
export function TopPredictedCustomers({ workspace, rows, currency = "USD" }: { workspace: string; rows: TopPredictedCustomer[]; currency?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No customer has a prediction yet.</p>;
  return (
    <Table aria-label="Top customers by predicted value">
      <THead>
        <tr>
          <TH>Customer</TH>
          <TH className="text-right whitespace-nowrap">12-month value</TH>
          <TH className="whitespace-nowrap">Churn risk</TH>
          <TH className="text-right" title="Probability that the customer still buys from you">Still active</TH>
          <TH className="text-right">Purchases, 90 days</TH>
          <TH className="text-right">Purchases, 12 months</TH>
          <TH className="text-right">Order value</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((c) => (
          <TR key={c.id}>
            <TD className="max-w-[9.5rem] sm:max-w-[14rem]">
              <Link href={`/w/${workspace}/customers/${c.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                {c.name ?? c.email ?? "Unnamed customer"}
              </Link>
              {c.name && c.email && <span className="block truncate text-xs text-slate-500">{c.email}</span>}
            </TD>
            <TD className="text-right font-medium text-slate-900 tabular-nums">{formatMoney(c.value12m, currency)}</TD>
            <TD>
              <Badge variant={CHURN_RISK_BADGES[c.churnRisk].variant}>{CHURN_RISK_BADGES[c.churnRisk].label}</Badge>
            </TD>
            <TD className="text-right tabular-nums">{percent(c.probabilityAlive)}</TD>
            <TD className="text-right tabular-nums">{purchases(c.purchases90)}</TD>
            <TD className="text-right tabular-nums">{purchases(c.purchases365)}</TD>
            <TD className="text-right tabular-nums">{formatMoney(c.averageOrderValue, currency)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
