import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatInstant } from "@/lib/customers/display";
import type { EventPage } from "@/lib/customers/types";
import { categoryLabel, eventLabel, humanizeCode } from "@/lib/fields/value-labels";
import { formatCount } from "@/lib/format";

// Property keys and coded values read as words ("category: toys_games" → "Category: Toys & Games").
function propertyValue(key: string, v: unknown): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v !== "string") return JSON.stringify(v);
  return key === "category" ? categoryLabel(v) : humanizeCode(v);
}

function properties(props: Record<string, unknown>): string {
  return Object.entries(props)
    .slice(0, 6)
    .map(([k, v]) => `${k === "sku" ? "SKU" : humanizeCode(k)}: ${propertyValue(k, v)}`)
    .join(" · ");
}

/** The events timeline, newest first, paginated through `?events=N` links. */
export function ProfileEvents({ page, timeZone, hrefFor }: { page: EventPage; timeZone: string; hrefFor: (page: number) => string }) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Events</CardTitle>
          <CardDescription>{page.total === 0 ? "No events recorded." : `${formatCount(page.total)} events, newest first.`}</CardDescription>
        </div>
      </CardHeader>
      {page.events.length > 0 && (
        <ol className="divide-y divide-slate-100" aria-label="Events, newest first">
          {page.events.map((event) => (
            <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-2 px-5 py-3">
              <div className="min-w-0">
                <span className="text-sm font-medium text-slate-900" title={event.name}>{eventLabel(event.name)}</span>
                {Object.keys(event.properties).length > 0 && <p className="mt-0.5 truncate text-xs text-slate-500">{properties(event.properties)}</p>}
              </div>
              <time dateTime={event.occurredAt.toISOString()} className="text-sm whitespace-nowrap text-slate-500">
                {formatInstant(event.occurredAt, timeZone)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {page.pageCount > 1 && (
        <nav aria-label="Event pages" className="flex items-center justify-between gap-2 border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
          {page.page > 1 ? (
            <Link href={hrefFor(page.page - 1)} scroll={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page.page} of {page.pageCount}
          </span>
          {page.page < page.pageCount ? (
            <Link href={hrefFor(page.page + 1)} scroll={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </Card>
  );
}
