import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { AuditDetail } from "@/lib/audit/describe";
import type { AuditEntryView } from "@/lib/audit/view";
import { formatInstant } from "@/lib/customers/display";

function Detail({ detail }: { detail: AuditDetail }) {
  if (detail.kind === "note") return <li className="text-slate-600">{detail.text}</li>;
  if (detail.kind === "value") {
    return (
      <li>
        <span className="font-medium text-slate-700">{detail.label}:</span> <span className="text-slate-600">{detail.value}</span>
      </li>
    );
  }
  return (
    <li>
      <span className="font-medium text-slate-700">{detail.label}:</span> <span className="text-slate-500">{detail.from}</span>{" "}
      <span aria-hidden className="text-slate-400">→</span> <span className="sr-only">changed to</span> <span className="font-medium text-slate-900">{detail.to}</span>
    </li>
  );
}

/** The entries of a page: time in the workspace zone, person, action, what it touched, and the details in words. */
export function AuditTable({ entries, timeZone }: { entries: AuditEntryView[]; timeZone: string }) {
  const seconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone });
  return (
    <Table aria-label="Audit log entries, newest first">
      <THead>
        <tr>
          <TH className="w-40">Time</TH>
          <TH>Person</TH>
          <TH>Action</TH>
          <TH>What</TH>
          <TH className="min-w-72">Details</TH>
        </tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <TR key={e.id} className="align-top">
            <TD className="align-top whitespace-nowrap text-slate-600">
              <time dateTime={e.createdAt} title={seconds.format(new Date(e.createdAt))}>
                {formatInstant(new Date(e.createdAt), timeZone)}
              </time>
            </TD>
            <TD className="align-top">
              <div className="font-medium text-slate-900">{e.actor.name}</div>
              {e.actor.email && <div className="text-xs text-slate-500">{e.actor.email}</div>}
              {e.actor.note && (
                <Badge variant="neutral" className="mt-1">
                  {e.actor.note}
                </Badge>
              )}
            </TD>
            <TD className="align-top">
              <div className="font-medium whitespace-nowrap text-slate-900">{e.actionLabel}</div>
              {e.actionLabel === e.action && <div className="text-xs text-slate-500">Not described by this version</div>}
            </TD>
            <TD className="align-top">
              <div className="text-xs text-slate-500">{e.entity.type}</div>
              {e.entity.href ? (
                <Link href={e.entity.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {e.entity.label}
                </Link>
              ) : (
                <span className="text-slate-700">{e.entity.label}</span>
              )}
            </TD>
            <TD className="align-top">
              {e.details.length > 0 ? (
                <ul className="space-y-0.5 text-sm break-words">
                  {e.details.map((d, i) => (
                    <Detail key={i} detail={d} />
                  ))}
                </ul>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
