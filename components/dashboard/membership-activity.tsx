import Link from "next/link";
import { StatCard } from "@/components/overview/stat-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { instantLabel } from "@/lib/dashboard/format";
import type { RecentChange } from "@/lib/dashboard/membership-history";
import type { JoinedLeft } from "@/lib/dashboard/membership-series";
import { formatCount } from "@/lib/format";

/** Joined and left in the last 7 and 30 days, from the membership change log. */
export function JoinedLeftCards({ windows }: { windows: JoinedLeft[] }) {
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="joined-left">
      {windows.flatMap((w) => [
        <StatCard key={`j${w.days}`} label={`Joined, last ${w.days} days`} value={formatCount(w.joined)} detail={`Customers who entered the segment since the start of the day ${w.days} days ago`} />,
        <StatCard key={`l${w.days}`} label={`Left, last ${w.days} days`} value={formatCount(w.left)} detail={`Customers who left the segment since the start of the day ${w.days} days ago`} />,
      ])}
    </dl>
  );
}

interface RecentChangesProps {
  title: string;
  description: string;
  testId: string;
  changes: RecentChange[];
  workspaceSlug: string;
  timeZone: string;
  empty: string;
}

/** A card of the latest entries or exits, each linking to the customer's profile, with when and why. */
export function RecentChangesCard({ title, description, testId, ...table }: RecentChangesProps) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent data-testid={testId}>
        <RecentChanges title={title} {...table} />
      </CardContent>
    </Card>
  );
}

function RecentChanges({ title, changes, workspaceSlug, timeZone, empty }: Omit<RecentChangesProps, "description" | "testId">) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <Table>
      <caption className="sr-only">{title}</caption>
      <THead>
        <TR>
          <TH>Customer</TH>
          <TH>When</TH>
          <TH>Why</TH>
        </TR>
      </THead>
      <TBody>
        {changes.map((c, i) => (
          <TR key={`${c.customerId}-${c.at}-${i}`}>
            <TD>
              <Link href={`/w/${workspaceSlug}/customers/${c.customerId}`} className="font-medium text-brand-700 hover:underline">
                {c.name ?? c.email ?? c.customerId}
              </Link>
              {c.name && c.email && <span className="block text-xs text-slate-500">{c.email}</span>}
            </TD>
            <TD>
              <time dateTime={c.at}>{instantLabel(c.at, timeZone)}</time>
            </TD>
            <TD>{c.causeLabel}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
