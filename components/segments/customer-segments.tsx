import { Check, X } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { explainLines, type ExplainFormat, type ExplainLine } from "@/lib/segments/explain-text";
import type { CustomerSegmentVerdict } from "@/lib/segments/saved-explain";

function Tree({ line }: { line: ExplainLine }) {
  const Icon = line.result ? Check : X;
  return (
    <li>
      <p className="flex items-start gap-1.5">
        <Icon aria-hidden className={`mt-0.5 size-4 shrink-0 ${line.result ? "text-emerald-600" : "text-red-600"}`} />
        <span>
          <span className={`mr-1.5 inline-block rounded px-1 text-xs font-medium ${line.result ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
            {line.result ? "Met" : "Not met"}
          </span>{" "}
          <span className={line.children.length > 0 ? "font-medium text-slate-800" : undefined}>{line.text}</span>
          {line.detail && (
            <span className="text-slate-600">
              {" "}
              — this customer: <span className="font-medium text-slate-800">{line.detail}</span>
            </span>
          )}
        </span>
      </p>
      {line.children.length > 0 && (
        <ul className="mt-1 ml-5 space-y-1 border-l border-slate-200 pl-3">
          {line.children.map((c) => <Tree key={c.path} line={c} />)}
        </ul>
      )}
    </li>
  );
}

/** The customer profile's segments: which ones the customer is in, and for each segment why (or why not), condition by condition. */
export function CustomerSegments({ workspace, verdicts, catalog, timeZone }: { workspace: string; verdicts: CustomerSegmentVerdict[]; catalog: FieldCatalog; timeZone: string }) {
  const format: ExplainFormat = { timeZone, segmentNames: new Map(verdicts.map((v) => [v.id, v.name])) };
  const inside = verdicts.filter((v) => v.member);
  return (
    <section aria-labelledby="customer-segments-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="customer-segments-title" className="text-base font-semibold text-slate-900">Segments</h2>
      {verdicts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">This workspace has no saved segments yet.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">
            {inside.length === 0 ? "In none of the saved segments." : `In ${inside.length} of ${verdicts.length} saved segments: `}
            {inside.map((v, i) => (
              <span key={v.id}>
                {i > 0 && ", "}
                <Link href={`/w/${workspace}/segments/${v.id}`} className="text-brand-700 underline underline-offset-2">{v.name}</Link>
              </span>
            ))}
          </p>
          <p className="mt-1 text-xs text-slate-500">Open a segment to see why, condition by condition. Dates and times are in {timeZone}.</p>
          <ul className="mt-3 space-y-2">
            {verdicts.map((v) => (
              <li key={v.id} className="rounded-md border border-slate-200">
                <details>
                  <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm">
                    <span className="font-medium text-slate-900">{v.name}</span>
                    {v.member === null ? <Badge variant="warning">can&apos;t evaluate</Badge> : v.member ? <Badge variant="success">in</Badge> : <Badge>not in</Badge>}
                    <span className="ml-auto text-xs text-slate-500">Why {v.member ? "in" : "not in"}?</span>
                  </summary>
                  <div className="border-t border-slate-200 px-3 py-2 text-sm">
                    {v.explanation ? (
                      <ul className="space-y-1"><Tree line={explainLines(v.explanation, catalog, format)} /></ul>
                    ) : (
                      <p className="text-amber-800">The segment&apos;s rules no longer fit the workspace&apos;s fields: {v.problem}</p>
                    )}
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
