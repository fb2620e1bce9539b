"use client";

import { ChartFigure } from "@/components/charts/chart-figure";
import { formatTick } from "@/components/charts/axis";
import { clampLabelX, labelStride, showsLabel, textWidth } from "@/components/charts/layout";
import { linearScale, maxOf, niceTicks } from "@/components/charts/scale";

/** One week of the cumulative chart: its label, its day number (x), and the two cumulative counts with their display text. */
export interface CumulativePoint {
  label: string;
  day: number;
  predicted: number;
  actual: number;
  predictedDisplay: string;
  actualDisplay: string;
}

const HEIGHT = 250;
const LEFT = 56;
const RIGHT = 14;
const TOP = 22;
const BOTTOM = 26;
const TICK_PX = 11;

/**
 * Cumulative repeat purchases, predicted against actual, week by week, with a dashed vertical
 * line where the calibration period ends and the holdout begins (Fader, Hardie and Lee 2005,
 * figure 1). The shared LineChart has no such marker, hence this chart: same frame, scales and
 * label rules (components/charts).
 */
export function CumulativeChart({ title, description, points, markerDay, markerLabel }: {
  title: string;
  description: string;
  points: CumulativePoint[];
  /** Day number of the calibration end, on the points' day axis. */
  markerDay: number;
  markerLabel: string;
}) {
  const ticks = niceTicks(maxOf(points.flatMap((p) => [p.predicted, p.actual])));
  const y = linearScale([0, ticks[ticks.length - 1]], [HEIGHT - BOTTOM, TOP]);
  const labelWidth = Math.max(...points.map((p) => textWidth(p.label, TICK_PX)), 0);
  const first = points[0]?.day ?? 0;
  const last = points.at(-1)?.day ?? 1;
  return (
    <ChartFigure
      title={title}
      description={description}
      empty={points.length < 2 ? "Not enough weeks to draw." : undefined}
      table={{ columns: ["Week of", "Predicted", "Actual"], rows: points.map((p) => [p.day <= markerDay ? p.label : `${p.label} (holdout)`, p.predictedDisplay, p.actualDisplay]) }}
    >
      {({ titleId, descId, width }) => {
        const x = linearScale([first, last], [LEFT, width - RIGHT]);
        // The last label is always drawn and moved inwards from the edge by up to half its width: leave that much more room beside it.
        const stride = labelStride(points.length, width - LEFT - RIGHT, labelWidth, 10 + labelWidth / 2);
        const path = (value: (p: CumulativePoint) => number) => points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.day).toFixed(1)},${y(value(p)).toFixed(1)}`).join(" ");
        const markerX = x(Math.min(Math.max(markerDay, first), last));
        return (
          <div>
            <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} className="block max-w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
              {ticks.map((t) => (
                <g key={t}>
                  <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} className="stroke-slate-200" strokeDasharray="3 3" />
                  <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                    {formatTick(t, "count")}
                  </text>
                </g>
              ))}
              <rect x={markerX} y={TOP} width={Math.max(width - RIGHT - markerX, 0)} height={HEIGHT - BOTTOM - TOP} className="fill-slate-100/70" />
              <line x1={markerX} x2={markerX} y1={TOP - 4} y2={HEIGHT - BOTTOM} strokeDasharray="5 4" strokeWidth={1.5} className="stroke-slate-500" data-testid="calibration-end-marker" />
              <text x={clampLabelX(markerX, textWidth(markerLabel, TICK_PX), width)} y={TOP - 8} textAnchor="middle" className="fill-slate-700 text-[11px] font-medium">
                {markerLabel}
              </text>
              {points.map((p, i) =>
                showsLabel(i, points.length, stride) ? (
                  <text key={`x${i}`} x={clampLabelX(x(p.day), textWidth(p.label, TICK_PX), width)} y={HEIGHT - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
                    {p.label}
                  </text>
                ) : null,
              )}
              <path d={path((p) => p.actual)} fill="none" strokeWidth={2} className="stroke-slate-500" />
              <path d={path((p) => p.predicted)} fill="none" strokeWidth={2} strokeDasharray="6 3" className="stroke-brand-600" />
              {points.map((p, i) => (
                <circle key={`p${i}`} cx={x(p.day)} cy={y(p.actual)} r={points.length > 60 ? 1.5 : 2.5} className="fill-slate-500">
                  <title>{`Week of ${p.label}: actual ${p.actualDisplay}, predicted ${p.predictedDisplay}`}</title>
                </circle>
              ))}
            </svg>
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden>
              <li className="flex items-center gap-1.5">
                <span className="inline-block h-0.5 w-4 bg-slate-500" />
                Actual
              </li>
              <li className="flex items-center gap-1.5">
                <span className="inline-block w-4 border-t-2 border-dashed border-brand-600" />
                Predicted
              </li>
              <li className="flex items-center gap-1.5">
                <span className="inline-block h-2.5 w-3 rounded-sm bg-slate-100 ring-1 ring-slate-300" />
                Holdout: after the calibration end, not used to fit
              </li>
            </ul>
          </div>
        );
      }}
    </ChartFigure>
  );
}
