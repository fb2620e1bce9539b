import { ChevronLeft, ChevronRight, ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { listAuditEntries, listAuditPeople, loadAuditEntities, loadSegmentNames } from "@/lib/audit/queries";
import { auditSearchSchema, cursorOf, filtersOf, parseCursor, type AuditCursor } from "@/lib/audit/schemas";
import { auditEntryView, describeHelpers } from "@/lib/audit/view";
import { requireContext } from "@/lib/auth/context";
import { getCatalog } from "@/lib/fields/queries";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

function query(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "audit.read");
  const search = auditSearchSchema.parse(await searchParams);
  const filters = filtersOf(search);
  const [page, people, catalog, segmentNames] = await Promise.all([
    listAuditEntries(ctx, filters, { before: parseCursor(search.before), after: parseCursor(search.after) }),
    listAuditPeople(ctx),
    getCatalog(ctx),
    loadSegmentNames(ctx),
  ]);
  const entities = await loadAuditEntities(ctx, page.entries);
  const helpers = describeHelpers(ctx.timeZone, catalog, segmentNames);
  const entries = page.entries.map((row) => auditEntryView(row, helpers, entities, ctx.workspaceSlug));

  const base = `/w/${ctx.workspaceSlug}/audit`;
  const values: AuditFilterValues = { person: search.person ?? "", action: search.action ?? "", from: filters.from ?? "", to: filters.to ?? "" };
  const filtered = Object.values(values).some(Boolean);
  const pageLink = (key: "before" | "after", c: AuditCursor) => `${base}${query(values, { [key]: cursorOf({ createdAt: new Date(c.ms), id: c.id }) })}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
        <p className="mt-1 text-sm text-slate-500">
          Who did what in {ctx.workspaceName}, newest first. Times are in the workspace&apos;s time zone ({ctx.timeZone}). Entries cannot be changed or removed.
        </p>
      </div>
      {/* Keyed by the filters: a client-side navigation (Clear, a link) remounts the form with the URL's values. */}
      <AuditFilters key={query(values)} base={base} values={values} people={people} filtered={filtered} exportHref={`/api/w/${ctx.workspaceSlug}/audit/export${query(values)}`} />
      {entries.length === 0 ? (
        <Card className="px-6 py-14 text-center">
          <ScrollText aria-hidden className="mx-auto size-10 text-slate-300" />
          <h2 className="mt-3 text-base font-semibold text-slate-900">{filtered ? "No entries match these filters" : "No entries yet"}</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
            {filtered ? "Try another person, action or date range." : "Changes to members, customers, segments, fields, imports and exports will be listed here."}
          </p>
          {filtered && (
            <Link href={base} className={buttonClasses({ variant: "secondary", className: "mt-5" })}>
              Clear filters
            </Link>
          )}
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <AuditTable entries={entries} timeZone={ctx.timeZone} />
        </Card>
      )}
      {(page.newer || page.older) && (
        <nav aria-label="Audit log pages" className="flex items-center justify-between gap-2">
          {page.newer ? (
            <Link href={pageLink("after", page.newer)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
              <ChevronLeft aria-hidden className="size-4" />
              Newer
            </Link>
          ) : (
            <span />
          )}
          {page.older && (
            <Link href={pageLink("before", page.older)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
              Older
              <ChevronRight aria-hidden className="size-4" />
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
