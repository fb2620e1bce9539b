import { StatCard } from "@/components/overview/stat-card";
import type { Headline } from "@/lib/dashboard/types";
import { moneyOrDash, shareOf } from "@/lib/dashboard/format";
import { formatCount } from "@/lib/format";

/** The headline numbers of one segment as cards. */
export function HeadlineCards({ headline: h }: { headline: Headline }) {
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <StatCard label="Members" value={formatCount(h.members)} detail={`${shareOf(h.memberShare, "all customers")} (${formatCount(h.customers)})`} />
      <StatCard label="Revenue, all time" value={moneyOrDash(h.revenue)} detail={shareOf(h.revenueShare, "all revenue")} />
      <StatCard label="Revenue, last 12 months" value={moneyOrDash(h.revenue12m)} detail={shareOf(h.revenue12mShare, "all revenue in the period")} />
      <StatCard label="Average order value" value={moneyOrDash(h.averageOrderValue)} detail={`${formatCount(h.orders)} paid orders`} />
      <StatCard label="Orders per member" value={h.ordersPerMember === null ? "—" : h.ordersPerMember.toFixed(2)} detail="Paid orders, all time" />
      <StatCard label="Average member value" value={moneyOrDash(h.averageMemberValue)} detail="Revenue per member, all time" />
      <StatCard label="New members, last 30 days" value={formatCount(h.newMembers)} detail="Members who became customers in the last 30 days" />
    </dl>
  );
}
