import Link from "next/link";
import { formatCount, formatShare } from "@/lib/format";
import { CHURN_RISKS, type ChurnRisk, type PredictionDistribution } from "@/lib/predict/schemas";
import { CHURN_THRESHOLDS } from "@/lib/predict/scoring";

const pct = (p: number) => `${Math.round(p * 100)}%`;

// The bands as lib/predict/scoring assigns them (churnRiskOf).
const BANDS: Readonly<Record<ChurnRisk, { title: string; rule: string; tone: string }>> = {
  high: { title: "High churn risk", rule: `Probability still active below ${pct(CHURN_THRESHOLDS.high)}`, tone: "border-red-200 bg-red-50 text-red-900" },
  medium: { title: "Medium churn risk", rule: `Probability still active ${pct(CHURN_THRESHOLDS.high)} to ${pct(CHURN_THRESHOLDS.medium)}`, tone: "border-amber-200 bg-amber-50 text-amber-900" },
  low: { title: "Low churn risk", rule: `Probability still active ${pct(CHURN_THRESHOLDS.medium)} or more`, tone: "border-emerald-200 bg-emerald-50 text-emerald-900" },
};

/** Customers per churn-risk band (highest risk first), with their share, and links to the customers table when it can sort by the predictions. */
export function ChurnBands({ churnRisk, links }: { churnRisk: PredictionDistribution["churnRisk"]; links: { href: string; label: string }[] }) {
  const total = CHURN_RISKS.reduce((s, k) => s + churnRisk[k], 0);
  const order: ChurnRisk[] = ["high", "medium", "low"];
  return (
    <div>
      <ul className="grid gap-3 sm:grid-cols-3" aria-label="Customers by churn risk">
        {order.map((k) => (
          <li key={k} className={`rounded-md border p-3 ${BANDS[k].tone}`} data-testid={`churn-band-${k}`}>
            <p className="text-sm font-medium">{BANDS[k].title}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{formatCount(churnRisk[k])}</p>
            <p className="text-xs">
              {total > 0 ? `${formatShare(churnRisk[k] / total)} of customers · ` : ""}
              {BANDS[k].rule}
            </p>
          </li>
        ))}
      </ul>
      {links.length > 0 && (
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="font-medium text-brand-700 hover:underline">
              {l.label}
            </Link>
          ))}
        </p>
      )}
    </div>
  );
}
