import Link from "next/link";
import { SEGMENT_TEMPLATES } from "@/lib/segments/templates";

/** The template library on the new-segment page: each opens the builder filled in; RFM groups too. */
export function TemplatePicker({ workspace, rfmGroups, current }: { workspace: string; rfmGroups: readonly string[]; current: string | null }) {
  const base = `/w/${workspace}/segments/new`;
  const chip = (active: boolean) =>
    `block h-full rounded-md border px-3 py-2 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-brand-600 ${active ? "border-brand-500 bg-brand-50" : "border-slate-200 bg-white hover:border-brand-300 hover:bg-slate-50"}`;
  return (
    <details className="group rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" open={!current}>
      <summary className="cursor-pointer text-base font-semibold text-slate-900">
        Start from a template{current ? <span className="ml-2 text-sm font-normal text-slate-600">(now: {current})</span> : null}
      </summary>
      <p className="mt-1 text-sm text-slate-600">Each opens below with its rules and name filled in; change anything before you save.</p>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-4" aria-label="Segment templates">
        {SEGMENT_TEMPLATES.map((t) => (
          <li key={t.id}>
            <Link href={`${base}?template=${t.id}`} className={chip(current === t.name)} aria-current={current === t.name ? "true" : undefined}>
              <span className="font-medium text-slate-900">{t.name}</span>
              <span className="mt-0.5 block text-xs text-slate-600">{t.description}</span>
            </Link>
          </li>
        ))}
      </ul>
      {rfmGroups.length > 0 && (
        <>
          <h2 className="mt-4 text-sm font-medium text-slate-900">One RFM group</h2>
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="RFM group templates">
            {rfmGroups.map((g) => (
              <li key={g}>
                <Link href={`${base}?rfm=${encodeURIComponent(g)}`} aria-current={current === `RFM: ${g}` ? "true" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-brand-600 ${current === `RFM: ${g}` ? "border-brand-500 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700 hover:border-brand-300"}`}>
                  {g}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
