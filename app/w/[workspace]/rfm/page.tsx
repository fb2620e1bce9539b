import type { Metadata } from "next";
import { PresetChooser } from "@/components/rfm/preset-chooser";
import { RecomputeButton } from "@/components/rfm/recompute-button";
import { RfmGrid } from "@/components/rfm/rfm-grid";
import { RfmSegmentTable } from "@/components/rfm/rfm-segment-table";
import { RuleSetEditor } from "@/components/rfm/rule-set-editor";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { formatCount } from "@/lib/format";
import { getRfmRules, getRfmRun, rfmGrid, rfmSummary, todayIn } from "@/lib/rfm/queries";
import { findPreset, presetOf, RFM_PRESETS } from "@/lib/rfm/presets";
import { DEFAULT_RFM_RULES } from "@/lib/rfm/rules";
import { applyRfmPresetAction, recomputeRfmAction, saveRfmRulesAction } from "./actions";

export const metadata: Metadata = { title: "RFM" };

export default async function RfmPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "segments.read");
  const [rules, run] = await Promise.all([getRfmRules(ctx), getRfmRun(ctx)]);
  const summary = run ? rfmSummary(run, rules) : [];
  const grid = rfmGrid(run);
  const canRecompute = can(ctx.role, "segments.write");
  const canEditRules = can(ctx.role, "settings.manage");
  const canCreateSegments = can(ctx.role, "segments.write");
  const preset = presetOf(rules);
  const today = todayIn(ctx.timeZone);
  const computedAt = run?.computedAt.toLocaleString("en-GB", { timeZone: ctx.timeZone, dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">RFM</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">
            Recency, frequency and monetary scores from 1 to 5 for every customer with a paid order, from quantiles of all such customers (as the R rfm package
            computes them), and the segment of the first matching rule.
          </p>
          {run && (
            <p className="mt-2 text-sm text-slate-700" data-testid="rfm-freshness">
              Computed {computedAt} ({ctx.timeZone}) for analysis date {run.analysisDate} · {formatCount(run.customers)} customers scored in {(run.durationMs / 1000).toFixed(1)} s
            </p>
          )}
          <p className="mt-1 text-sm text-slate-700" data-testid="rfm-segment-set">
            Segment set: {preset ? findPreset(preset)?.name : `your own rules (${rules.length} segments)`}
          </p>
        </div>
        {canRecompute && <RecomputeButton workspace={ctx.workspaceSlug} action={recomputeRfmAction} label={run ? "Recompute" : "Compute RFM scores"} />}
      </div>

      {!run && (
        <Alert title="RFM scores have not been computed yet">
          {canRecompute ? "Compute them to see the grid and the segments." : "Ask an editor or an admin of this workspace to compute them."}
        </Alert>
      )}
      {run && run.analysisDate !== today && (
        <Alert variant="warning" title={`These scores are for ${run.analysisDate}, not today (${today})`}>
          Recency has moved on since. Segment conditions on RFM always score today&rsquo;s data; {canRecompute ? "recompute to bring this page up to date." : "an editor can recompute this page."}
        </Alert>
      )}

      {run && (
        <>
          <section aria-labelledby="rfm-grid-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="rfm-grid-title" className="mb-2 text-base font-semibold">Recency × frequency</h2>
            <RfmGrid cells={grid} />
          </section>
          <section aria-labelledby="rfm-segments-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="rfm-segments-title" className="mb-2 text-base font-semibold">Segments</h2>
            {summary.length === 0 ? <p className="text-sm text-slate-500">No customer has a paid order yet.</p> : <RfmSegmentTable workspace={ctx.workspaceSlug} rows={summary} rules={rules} canCreateSegments={canCreateSegments} />}
          </section>
        </>
      )}

      {canEditRules && (
        <section aria-labelledby="rfm-presets-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="rfm-presets-title" className="mb-2 text-base font-semibold">Segment set</h2>
          <PresetChooser
            workspace={ctx.workspaceSlug}
            presets={RFM_PRESETS.map((p) => ({ key: p.key, name: p.name, description: p.description, segments: p.rules.length }))}
            current={preset}
            action={applyRfmPresetAction}
          />
        </section>
      )}

      {canEditRules && (
        <section aria-labelledby="rfm-rules-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="rfm-rules-title" className="mb-2 text-base font-semibold">Segment rules</h2>
          <RuleSetEditor workspace={ctx.workspaceSlug} rules={rules} defaults={DEFAULT_RFM_RULES} action={saveRfmRulesAction} />
        </section>
      )}
    </div>
  );
}
