import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatInstant } from "@/lib/customers/display";
import type { CustomerSegmentHistory } from "@/lib/customers/segment-history";
import { formatCount } from "@/lib/format";

/** The customer's stored segments now (since when) and their latest entries and exits, with why. */
export function ProfileSegmentHistory({ data, workspace, timeZone }: { data: CustomerSegmentHistory; workspace: string; timeZone: string }) {
  const segmentHref = (id: string) => `/w/${workspace}/segments/${id}/dashboard`;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Segment history</CardTitle>
          <CardDescription>
            Stored segment membership, kept exact as the customer changes.
            {data.updating > 0 && ` ${formatCount(data.updating)} segment${data.updating === 1 ? " is" : "s are"} being updated and not listed here; the segments above are evaluated live.`}
          </CardDescription>
        </div>
      </CardHeader>
      <div className="space-y-4 px-5 pb-5">
        <div data-testid="segments-now">
          <h3 className="text-sm font-semibold text-slate-800">Current memberships</h3>
          {data.current.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">Not a stored member of any segment.</p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-2">
              {data.current.map((m) => (
                <li key={m.segmentId} className="text-sm">
                  <Link href={segmentHref(m.segmentId)} className="font-medium text-brand-700 hover:underline">
                    {m.name}
                  </Link>{" "}
                  <span className="text-slate-500">
                    since <time dateTime={m.since}>{formatInstant(new Date(m.since), timeZone)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div data-testid="segment-history">
          <h3 className="text-sm font-semibold text-slate-800">Entries and exits</h3>
          {data.history.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">No entries or exits recorded yet.</p>
          ) : (
            <>
              <Table>
                <caption className="sr-only">Segment entries and exits</caption>
                <THead>
                  <TR>
                    <TH>Segment</TH>
                    <TH>Change</TH>
                    <TH>When</TH>
                    <TH>Why</TH>
                  </TR>
                </THead>
                <TBody>
                  {data.history.map((h, i) => (
                    <TR key={`${h.segmentId}-${h.at}-${i}`}>
                      <TD>
                        <Link href={segmentHref(h.segmentId)} className="text-brand-700 hover:underline">
                          {h.segmentName}
                        </Link>
                      </TD>
                      <TD>
                        <Badge variant={h.kind === "entered" ? "success" : "neutral"}>{h.kind === "entered" ? "Joined" : "Left"}</Badge>
                      </TD>
                      <TD>
                        <time dateTime={h.at}>{formatInstant(new Date(h.at), timeZone)}</time>
                      </TD>
                      <TD>{h.causeLabel}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
              {data.total > data.history.length && (
                <p className="mt-2 text-xs text-slate-500">
                  The latest {formatCount(data.history.length)} of {formatCount(data.total)} entries and exits.
                </p>
              )}
            </>
          )}
        </div>
      </div>
    </Card>
  );
}
