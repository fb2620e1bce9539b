"use client";

import { ChartFigure } from "./chart-figure";
import { formatTick, type AxisFormat } from "./axis";
import { clampLabelX, labelStride, showsLabel, textWidth } from "./layout";
import { linearScale, maxOf, niceTicks } from "./scale";

/** One line: a name, a value per x position (null: no point), and how each value is shown. */
export interface LineSeries {
  name: string;
  values: (number | null)[];
  displays: string[];
  /** Tailwind stroke and fill classes of the line and its dots. */
  tone: "brand" | "slate" | "amber";
}

const TONES = {
  brand: { stroke: "stroke-brand-600", fill: "fill-brand-600", swatch: "bg-brand-600" },
  slate: { stroke: "stroke-slate-500", fill: "fill-slate-500", swatch: "bg-slate-500" },
  amber: { stroke: "stroke-amber-600", fill: "fill-amber-600", swatch: "bg-amber-600" },
} as const;

const HEIGHT = 240;
const LEFT = 56;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 26;
const TICK_PX = 11;

/**
 * Lines over labelled x positions (months, days), spaced by `positions` when given (e.g. day
 * numbers, so gaps in a history show as gaps) or evenly; with a legend and a table view. Drawn
 * at the real width of its box, so labels keep their size and are thinned rather than squeezed.
 */
export function LineChart({
  title,
  description,
  labels,
  positions,
  series,
  format = "count",
  empty = "No data to show.",
}: {
  title: string;
  description: string;
  labels: string[];
  positions?: number[];
  series: LineSeries[];
  format?: AxisFormat;
  empty?: string;
}) {
  const xs = positions ?? labels.map((_, i) => i);
  const ticks = niceTicks(maxOf(series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const y = linearScale([0, ticks[ticks.length - 1]], [HEIGHT - BOTTOM, TOP]);
  const labelWidth = Math.max(...labels.map((l) => textWidth(l, TICK_PX)), 0);
  return (
    <ChartFigure
      title={title}
      description={description}
      empty={labels.length === 0 ? empty : undefined}
      table={{ columns: [title, ...series.map((s) => s.name)], rows: labels.map((label, i) => [label, ...series.map((s) => s.displays[i] ?? "")]) }}
    >
      {({ titleId, descId, width }) => {
        const x = linearScale([xs[0] ?? 0, xs[xs.length - 1] ?? 1], [LEFT + (xs.length === 1 ? (width - LEFT - RIGHT) / 2 : 0), width - RIGHT]);
        const stride = labelStride(labels.length, width - LEFT - RIGHT, labelWidth);
        return (
          <div>
            <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} className="block max-w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
              {ticks.map((t) => (
                <g key={t}>
                  <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} className="stroke-slate-200" strokeDasharray="3 3" />
                  <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                    {formatTick(t, format)}
                  </text>
                </g>
              ))}
              {labels.map((label, i) =>
                showsLabel(i, labels.length, stride) ? (
                  <text key={`${label}-${i}`} x={clampLabelX(x(xs[i]), textWidth(label, TICK_PX), width)} y={HEIGHT - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
                    {label}
                  </text>
                ) : null,
              )}
              {series.map((s) => {
                const tone = TONES[s.tone];
                const points = s.values.map((v, i) => (v === null ? null : ([x(xs[i]), y(v)] as const)));
                const path = points
                  .map((p, i) => (p === null ? "" : `${i === 0 || points[i - 1] === null ? "M" : "L"}${p[0].toFixed(1)},${p[1].toFixed(1)}`))
                  .join(" ");
                return (
                  <g key={s.name}>
                    <path d={path} fill="none" strokeWidth={2} className={tone.stroke} />
                    {points.map((p, i) =>
                      p === null ? null : (
                        <circle key={i} cx={p[0]} cy={p[1]} r={labels.length > 60 ? 1.5 : 3} className={tone.fill}>
                          <title>{`${labels[i]} · ${s.name}: ${s.displays[i]}`}</title>
                        </circle>
                      ),
                    )}
                  </g>
                );
              })}
            </svg>
            {series.length > 1 && (
              <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600" aria-hidden>
                {series.map((s) => (
                  <li key={s.name} className="flex items-center gap-1.5">
                    <span className={`inline-block h-2 w-3 rounded-sm ${TONES[s.tone].swatch}`} />
                    {s.name}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      }}
    </ChartFigure>
  );
}
