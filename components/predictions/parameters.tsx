import { formatCount } from "@/lib/format";
import type { PredictionParams } from "@/lib/predict/schemas";
import { bgNbdReadings, formatParameter, gammaGammaReadings, type ParameterReading } from "./readings";

function Readings({ title, subtitle, readings, fitted }: { title: string; subtitle: string; readings: ParameterReading[]; fitted: string }) {
  return (
    <div className="min-w-0 rounded-md border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="mt-0.5 text-xs text-slate-500">{subtitle}</p>
      <dl className="mt-3 space-y-3">
        {readings.map((r) => (
          <div key={r.symbol} className="grid grid-cols-[4.5rem_1fr] gap-x-3">
            <dt className="text-sm whitespace-nowrap text-slate-500">
              <span className="font-serif italic">{r.symbol}</span> = <span className="font-medium text-slate-900 tabular-nums">{r.value}</span>
            </dt>
            <dd className="text-sm text-slate-700">{r.sentence}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">{fitted}</p>
    </div>
  );
}

/** The fitted BG/NBD and Gamma-Gamma parameters, each with what it says about the customers. */
export function PredictionParameters({ params, customers, repeaters, currency = "USD" }: { params: PredictionParams; customers: number; repeaters: number; currency?: string }) {
  const { bgnbd, gammaGamma } = params;
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="prediction-parameters">
      <Readings
        title="Purchases and dropout (BG/NBD)"
        subtitle="How often customers buy while active, and how likely they are to stop after each purchase."
        readings={bgNbdReadings(bgnbd)}
        fitted={`Fitted on ${formatCount(customers)} customers · log-likelihood ${formatParameter(bgnbd.logLikelihood)} · ${formatCount(bgnbd.iterations)} iterations`}
      />
      <Readings
        title="Spend per purchase day (Gamma-Gamma)"
        subtitle="What a day with purchases is worth, for one customer and between customers."
        readings={gammaGammaReadings(gammaGamma, currency)}
        fitted={`Fitted on ${formatCount(repeaters)} customers with a repeat purchase · log-likelihood ${formatParameter(gammaGamma.logLikelihood)} · ${formatCount(gammaGamma.iterations)} iterations`}
      />
    </div>
  );
}
