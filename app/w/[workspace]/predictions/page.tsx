import type { Metadata } from "next";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { StatCard } from "@/components/overview/stat-card";
import { cumulativeChart, dateLabel, frequencyChart, valueBars } from "@/components/predictions/chart-data";
import { ChurnBands } from "@/components/predictions/churn-bands";
import { CumulativeChart } from "@/components/predictions/cumulative-chart";
import { predictionCustomerLinks } from "@/components/predictions/customer-links";
import { PredictionParameters } from "@/components/predictions/parameters";
import { RecomputeButton } from "@/components/predictions/recompute-button";
import { TopPredictedCustomers } from "@/components/predictions/top-customers";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getCatalog } from "@/lib/fields/queries";
import { formatCount, formatMoney } from "@/lib/format";
import { getPredictionPageRun, listTopPredictedCustomers, type PredictionFit, type PredictionPageRun } from "@/lib/predict/page-queries";
import { todayIn } from "@/lib/rfm/queries";
import { addDays } from "@/lib/segments/time";
import { recomputePredictionsAction } from "./actions";

export const metadata: Metadata = { title: "Predictions" };

// Money on this page is shown as the rest of the app shows it (lib/format.ts); workspaces have no currency setting yet.
const CURRENCY = "USD";

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="text-base font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** The alert for a latest attempt that failed while older numbers stay on the page. */
function attemptWarning(run: PredictionPageRun, fit: PredictionFit, when: (d: Date) => string): React.ReactNode {
  if (run.attemptStatus === "ok") return null;
  const title = run.attemptStatus === "insufficient" ? `The latest refresh (${when(run.attemptedAt)}) found too little history` : `The latest refresh (${when(run.attemptedAt)}) did not converge`;
  return (
    <Alert variant="warning" title={title}>
      {run.attemptMessage && <p>{run.attemptMessage}</p>}
      <p>Nothing from it was stored. The numbers below are the last successful fit, for purchases up to {dateLabel(fit.asOf)}.</p>
    </Alert>
  );
}

function CheckSection({ fit, reason }: { fit: PredictionFit; reason: string | null }) {
  const check = fit.check;
  if (!check) {
    return (
      <Section id="check-title" title="Expected vs actual">
        <div className="space-y-1 text-sm text-slate-600" data-testid="prediction-no-check">
          <p>
            This fit has no check. The check sets the last part of the purchase history aside, fits the models on the rest, and compares what they predict for the part set aside
            with what customers did.
          </p>
          {reason && <p>{reason}</p>}
        </div>
      </Section>
    );
  }
  const frequency = frequencyChart(check);
  const cumulative = cumulativeChart(check);
  const diff = check.totalActual > 0 ? (check.totalPredicted - check.totalActual) / check.totalActual : null;
  const holdout = `${dateLabel(addDays(check.calibrationEnd, 1))} to ${dateLabel(check.holdoutEnd)}`;
  return (
    <Section
      id="check-title"
      title="Expected vs actual"
      description={`The models fitted again on purchases up to ${dateLabel(check.calibrationEnd)} only, and what they predicted for the ${formatCount(check.holdoutDays)} days after (${holdout}) against what customers did.`}
    >
      <p className="mb-4 text-sm text-slate-700" data-testid="prediction-check-totals">
        Predicted <strong className="tabular-nums">{check.totalPredicted.toLocaleString("en-US", { maximumFractionDigits: 1 })}</strong> repeat purchase days in the holdout; customers made{" "}
        <strong className="tabular-nums">{formatCount(check.totalActual)}</strong>
        {diff !== null && ` (the prediction was ${Math.abs(diff) < 0.005 ? "on the mark" : `${(Math.abs(diff) * 100).toFixed(1)}% ${diff > 0 ? "too high" : "too low"}`})`}.
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        <LineChart
          title="Holdout purchases per customer, by earlier repeat purchases"
          description={`Average repeat purchase days per customer from ${holdout}, grouped by how many repeat purchase days they had up to ${dateLabel(check.calibrationEnd)}.`}
          labels={frequency.labels}
          series={frequency.series}
        />
        <CumulativeChart
          title="Cumulative repeat purchases"
          description="All repeat purchase days of the customers known at the calibration end, week by week: what the calibration fit expected and what happened."
          points={cumulative.points}
          markerDay={cumulative.markerDay}
          markerLabel="Calibration end"
        />
      </div>
    </Section>
  );
}

export default async function PredictionsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "segments.read");
  const run = await getPredictionPageRun(ctx);
  const fit = run?.fit ?? null;
  const [top, catalog] = fit ? await Promise.all([listTopPredictedCustomers(ctx), getCatalog(ctx)]) : [[], null];
  const when = (d: Date) => d.toLocaleString("en-GB", { timeZone: ctx.timeZone, dateStyle: "medium", timeStyle: "short" });
  const today = todayIn(ctx.timeZone);
  const canRecompute = can(ctx.role, "segments.write");
  const average = fit && fit.customers > 0 ? fit.distribution.totalValue12m / fit.customers : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Predicted customer value</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">
            Who will buy again, who is slipping away, and what each customer is likely to spend in the next 12 months — from each customer&rsquo;s paid orders, with the
            BG/NBD and Gamma-Gamma models (purchases on the same day count as one purchase day).
          </p>
          {fit && (
            <p className="mt-2 text-sm text-slate-700" data-testid="prediction-freshness">
              Computed {when(fit.computedAt)} ({ctx.timeZone}) for purchases up to {dateLabel(fit.asOf)} · {formatCount(fit.customers)} customers in {(fit.durationMs / 1000).toFixed(1)} s
            </p>
          )}
        </div>
        {canRecompute && <RecomputeButton workspace={ctx.workspaceSlug} action={recomputePredictionsAction} label={fit ? "Recompute" : "Compute predictions"} />}
      </div>

      {!run && (
        <Alert title="Predictions have not been computed yet">
          They are computed every day{canRecompute ? "; compute them now to see this page." : ". An editor or an admin can also compute them now."}
        </Alert>
      )}
      {run && !fit && !run.fitUnreadable && run.attemptStatus !== "ok" && (
        <Alert variant="warning" title={run.attemptStatus === "insufficient" ? "Not enough purchase history to predict yet" : "The models did not converge"} data-testid="prediction-failure">
          {run.attemptMessage && <p>{run.attemptMessage}</p>}
          <p>Tried {when(run.attemptedAt)}; tried again every day. No predictions are stored until a fit succeeds.</p>
        </Alert>
      )}
      {run?.fitUnreadable && (
        <Alert variant="warning" title="The stored predictions can't be read">They were written by another version of Segmenta. {canRecompute ? "Recompute them to see this page." : "They are recomputed daily; an editor can also recompute them now."}</Alert>
      )}
      {run && fit && attemptWarning(run, fit, when)}
      {fit && run?.attemptStatus === "ok" && fit.asOf < today && (
        <Alert title={`These predictions are for purchases up to ${dateLabel(fit.asOf)}`}>Orders placed since are not in them yet; they are refreshed daily.</Alert>
      )}

      {fit && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
            <StatCard label="Predicted value, next 12 months" value={formatMoney(fit.distribution.totalValue12m, CURRENCY, { compact: true })} detail={`All ${formatCount(fit.customers)} customers with a paid order`} />
            <StatCard label="Average per customer" value={average === null ? "—" : formatMoney(average, CURRENCY)} detail="Predicted 12-month value" />
            <StatCard label="High churn risk" value={formatCount(fit.distribution.churnRisk.high)} detail="Probably no longer buying" />
            <StatCard label="Repeat customers" value={formatCount(fit.repeaters)} detail="Bought on more than one day" />
          </dl>

          <Section id="parameters-title" title="What the models found" description="The fitted parameters, and what each says about your customers.">
            <PredictionParameters params={fit.params} customers={fit.customers} repeaters={fit.repeaters} currency={CURRENCY} />
          </Section>

          {/* After a successful refresh its message says why the fit has no check; after a failed one it is the failure's. */}
          <CheckSection fit={fit} reason={run?.attemptStatus === "ok" ? run.attemptMessage : null} />

          <Section id="distribution-title" title="Predicted 12-month value" description="Customers by predicted value over the next 12 months, and by how likely they are to have stopped buying.">
            <div className="space-y-6">
              <BarChart
                title="Customers by predicted 12-month value"
                description="How many customers are predicted to be worth each amount in the next 12 months."
                data={valueBars(fit.distribution, CURRENCY)}
                valueColumn="Customers"
                extraColumns={["Share"]}
                empty="No customer has a prediction."
              />
              <ChurnBands churnRisk={fit.distribution.churnRisk} links={catalog ? predictionCustomerLinks(ctx.workspaceSlug, catalog) : []} />
            </div>
          </Section>

          <Section id="top-title" title="Top customers by predicted value" description={`The ${top.length} customers predicted to be worth most in the next 12 months.`}>
            <TopPredictedCustomers workspace={ctx.workspaceSlug} rows={top} currency={CURRENCY} />
          </Section>
        </>
      )}
    </div>
  );
}
