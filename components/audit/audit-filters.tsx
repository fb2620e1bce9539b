import { Download, X } from "lucide-react";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AUDIT_GROUPS, actionsOfGroup, auditActionLabel } from "@/lib/audit/actions";
import type { AuditPerson } from "@/lib/audit/queries";
import { SYSTEM_ACTOR } from "@/lib/audit/schemas";

/** The filters as they stand in the URL. */
export interface AuditFilterValues {
  person: string;
  action: string;
  from: string;
  to: string;
}

/**
 * The person / action / date filters as a plain GET form: the URL holds the filters, the page
 * reads them on the server, and it works without JavaScript and with the keyboard.
 */
export function AuditFilters({
  base,
  values,
  people,
  exportHref,
  filtered,
}: {
  base: string;
  values: AuditFilterValues;
  people: AuditPerson[];
  exportHref: string;
  filtered: boolean;
}) {
  const members = people.filter((p) => p.isMember);
  const former = people.filter((p) => !p.isMember);
  const known = new Set(AUDIT_GROUPS.flatMap((g) => actionsOfGroup(g.key)));
  const person = (p: AuditPerson) => (
    <option key={p.id} value={p.id}>
      {p.name} ({p.email})
    </option>
  );
  return (
    <form method="get" action={base} role="search" aria-label="Filter the audit log" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[1.3fr_1.3fr_1fr_1fr_auto]">
      <div className="space-y-1.5">
        <Label htmlFor="audit-person">Person</Label>
        <Select id="audit-person" name="person" defaultValue={values.person}>
          <option value="">Everyone</option>
          {members.length > 0 && <optgroup label="Members">{members.map(person)}</optgroup>}
          {former.length > 0 && <optgroup label="Former members">{former.map(person)}</optgroup>}
          <option value={SYSTEM_ACTOR}>Command line / system</option>
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <Select id="audit-action" name="action" defaultValue={values.action}>
          <option value="">All actions</option>
          {values.action && !values.action.startsWith("group:") && !known.has(values.action) && <option value={values.action}>{values.action}</option>}
          {AUDIT_GROUPS.map((g) => (
            <optgroup key={g.key} label={g.label}>
              <option value={`group:${g.key}`}>All: {g.label.toLowerCase()}</option>
              {actionsOfGroup(g.key).map((a) => (
                <option key={a} value={a}>
                  {auditActionLabel(a)}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={values.from} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={values.to} />
      </div>
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-1">
        <Button type="submit">Apply</Button>
        {filtered && (
          <Link href={base} className={buttonClasses({ variant: "ghost" })}>
            <X aria-hidden className="size-4" />
            Clear
          </Link>
        )}
        <a href={exportHref} download className={buttonClasses({ variant: "secondary" })}>
          <Download aria-hidden className="size-4" />
          Export CSV
        </a>
      </div>
    </form>
  );
}
