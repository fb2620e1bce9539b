"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import type { LiveCount } from "@/app/w/[workspace]/segments/actions";
import { Alert } from "@/components/ui/alert";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { formatCount, formatShare } from "@/lib/format";
import { countWarnings } from "@/lib/segments/count-warnings";
import { describeNode } from "@/lib/segments/describe-node";
import type { LiveCountState } from "./use-live-count";

function Result({ result, workspace, catalog, segmentNames }: { result: LiveCount; workspace: string; catalog: FieldCatalog; segmentNames: ReadonlyMap<string, string> }) {
  if (result.status === "invalid") return <p className="text-sm text-slate-600">Some conditions need attention before they can be counted; see the messages at them.</p>;
  if (result.status === "timeout") return <Alert variant="warning" title="Counting timed out">{result.message}</Alert>;
  const { funnel, sample } = result;
  const warnings = countWarnings(funnel.members, funnel.total);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-3xl font-semibold text-slate-900" data-testid="live-members">{formatCount(funnel.members)}</p>
        <p className="text-sm text-slate-600">
          members · <span data-testid="live-share">{formatShare(funnel.total ? funnel.members / funnel.total : 0)}</span> of {formatCount(funnel.total)} customers
        </p>
      </div>
      {warnings.map((w) => <Alert key={w} variant="warning">{w}</Alert>)}
      <div>
        <h3 className="text-sm font-medium text-slate-900">Each top-level rule</h3>
        <p className="text-xs text-slate-600">
          {funnel.combinator === "and" ? "Matching it alone, and still in after it and the rules above." : "Matching it alone, and matching it or a rule above."}
          {funnel.negate ? " The whole segment is negated: members are everyone outside the last figure." : ""}
        </p>
        <ol className="mt-2 space-y-2 text-sm">
          {funnel.steps.map((s, i) => (
            <li key={s.path} className="rounded border border-slate-200 px-2 py-1.5">
              <p className="text-slate-800">{i + 1}. {describeNode(s.node, catalog, segmentNames)}</p>
              <p className="text-xs text-slate-600">
                alone {formatCount(s.count)} · running {formatCount(s.running)} ({s.change >= 0 ? "+" : "−"}{formatCount(Math.abs(s.change))})
              </p>
            </li>
          ))}
        </ol>
      </div>
      <div>
        <h3 className="text-sm font-medium text-slate-900">Sample of members</h3>
        {sample.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody to show.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {sample.map((m) => (
              <li key={m.id}>
                <Link className="text-brand-700 underline underline-offset-2" href={`/w/${workspace}/customers/${m.id}`}>{m.name ?? m.email ?? m.id}</Link>
                {m.name && m.email && <span className="text-slate-500"> · {m.email}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The live count beside the builder: members, share, warnings, the per-rule funnel and a sample. */
export function CountPanel({ state, workspace, catalog, segmentNames, blockedReason, note }: {
  state: LiveCountState;
  workspace: string;
  catalog: FieldCatalog;
  segmentNames: ReadonlyMap<string, string>;
  /** Why there is nothing to count (no conditions, or invalid ones). */
  blockedReason: string | null;
  /** Said above the figures, e.g. that unfinished conditions are left out of the count. */
  note?: string | null;
}) {
  const shown = state.status === "done" ? state.result : state.status === "counting" ? state.previous : null;
  return (
    <section aria-labelledby="live-count-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 id="live-count-title" className="text-base font-semibold text-slate-900">Live count</h2>
        <span aria-live="polite" className="text-xs text-slate-600">
          {state.status === "counting" && (
            <span className="inline-flex items-center gap-1"><Loader2 aria-hidden className="size-3 animate-spin" />Counting…</span>
          )}
        </span>
      </div>
      <div className="mt-3" aria-busy={state.status === "counting"}>
        {blockedReason ? (
          <p className="text-sm text-slate-600">{blockedReason}</p>
        ) : state.status === "error" ? (
          <Alert variant="error">{state.message}</Alert>
        ) : shown ? (
          <div>
            {note && <p className="mb-3 rounded-md bg-amber-50 px-2 py-1.5 text-sm text-amber-900" data-testid="count-note">{note}</p>}
            <Result result={shown} workspace={workspace} catalog={catalog} segmentNames={segmentNames} />
          </div>
        ) : (
          <p className="text-sm text-slate-500">Counting…</p>
        )}
      </div>
    </section>
  );
}
