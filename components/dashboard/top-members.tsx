import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { instantLabel } from "@/lib/dashboard/format";
import { countryLabel } from "@/lib/fields/value-labels";
import type { TopMember } from "@/lib/dashboard/types";
import { formatCount, formatMoney } from "@/lib/format";

/** The most valuable members (paid revenue, all time), each linking to their profile. */
export function TopMembers({ members, workspaceSlug, timeZone }: { members: TopMember[]; workspaceSlug: string; timeZone: string }) {
  if (members.length === 0) return <p className="text-sm text-slate-500">The segment has no members.</p>;
  return (
    <Table>
      <caption className="sr-only">The 10 most valuable members</caption>
      <THead>
        <TR>
          <TH>Customer</TH>
          <TH>Country</TH>
          <TH className="text-right">Paid orders</TH>
          <TH className="text-right">Total spent</TH>
          <TH>Last order</TH>
        </TR>
      </THead>
      <TBody>
        {members.map((m) => (
          <TR key={m.id}>
            <TD>
              <Link href={`/w/${workspaceSlug}/customers/${m.id}`} className="font-medium text-brand-700 hover:underline">
                {m.name ?? m.email ?? m.id}
              </Link>
              {m.name && m.email && <span className="block text-xs text-slate-500">{m.email}</span>}
            </TD>
            <TD title={m.country ?? undefined}>{m.country ? countryLabel(m.country) : "—"}</TD>
            <TD className="text-right tabular-nums">{formatCount(m.ordersCount)}</TD>
            <TD className="text-right tabular-nums">{formatMoney(m.totalSpent)}</TD>
            <TD>{m.lastOrderAt ? instantLabel(m.lastOrderAt, timeZone) : "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
