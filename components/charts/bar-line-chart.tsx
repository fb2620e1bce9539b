"use client";

import { ChartFigure } from "./chart-figure";
import { formatTick, type AxisFormat } from "./axis";
import { clampLabelX, labelStride, showsLabel, textWidth } from "./layout";
import { linearScale, maxOf, niceTicks } from "./scale";

/** Values per x position with their display text. */
export interface ValueSeries {
  name: string;
  values: number[];
  displays: string[];
  format: AxisFormat;
}

const HEIGHT = 250;
const LEFT = 56;
const TOP = 18;
const BOTTOM = 26;
const TICK_PX = 11;

/**
 * Bars on the left axis with an optional line on a right axis of its own (two quantities of
 * different size: e.g. a segment's revenue and its share of everyone's, so a small segment
 * never draws a flat line under a big total). The last position can be marked partial (a period
 * still running): its bar is drawn light with a dashed outline and labelled "so far", and the
 * line's last step is dashed, so an unfinished month never reads as a fall.
 */
export function BarLineChart({
  title,
  description,
  labels,
  bars,
  line,
  partialLast = false,
  extraColumns = [],
  empty = "No data to show.",
}: {
  title: string;
  description: string;
  labels: string[];
  bars: ValueSeries;
  line?: ValueSeries;
  partialLast?: boolean;
  /** Extra table columns (header and a display per x position). */
  extraColumns?: { name: string; displays: string[] }[];
  empty?: string;
}) {
  const right = line ? 48 : 12;
  const barTicks = niceTicks(maxOf(bars.values));
  const lineTicks = line ? niceTicks(maxOf(line.values)) : [];
  const yBar = linearScale([0, barTicks[barTicks.length - 1]], [HEIGHT - BOTTOM, TOP]);
  const yLine = linearScale([0, lineTicks[lineTicks.length - 1] ?? 1], [HEIGHT - BOTTOM, TOP]);
  const labelWidth = Math.max(...labels.map((l) => textWidth(l, TICK_PX)), 0);
  const last = labels.length - 1;
  const rowLabel = (i: number) => (partialLast && i === last ? `${labels[i]} (so far)` : labels[i]);
  const columns = [title, bars.name, ...(line ? [line.name] : []), ...extraColumns.map((c) => c.name)];
  const rows = labels.map((_, i) => [rowLabel(i), bars.displays[i], ...(line ? [line.displays[i]] : []), ...extraColumns.map((c) => c.displays[i])]);
  return (
    <ChartFigure title={title} description={description} empty={labels.length === 0 ? empty : undefined} table={{ columns, rows }}>
      {({ titleId, descId, width }) => {
        const band = (width - LEFT - right) / Math.max(labels.length, 1);
        const center = (i: number) => LEFT + band * (i + 0.5);
        const barWidth = Math.max(2, Math.min(40, band * 0.62));
        const stride = labelStride(labels.length, width - LEFT - right - band, labelWidth);
        const points = line ? line.values.map((v, i) => [center(i), yLine(v)] as const) : [];
        const solid = points.slice(0, partialLast ? -1 : undefined);
        return (
          <div>
            <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} className="block max-w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
              {barTicks.map((t) => (
                <g key={`l${t}`}>
                  <line x1={LEFT} x2={width - right} y1={yBar(t)} y2={yBar(t)} className="stroke-slate-200" strokeDasharray="3 3" />
                  <text x={LEFT - 6} y={yBar(t) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                    {formatTick(t, bars.format)}
                  </text>
                </g>
              ))}
              {line &&
                lineTicks.map((t) => (
                  <text key={`r${t}`} x={width - right + 6} y={yLine(t) + 4} textAnchor="start" className="fill-amber-800 text-[11px]">
                    {formatTick(t, line.format)}
                  </text>
                ))}
              {bars.values.map((v, i) => {
                const partial = partialLast && i === last;
                const top = yBar(v);
                return (
                  <g key={`b${i}`} data-partial={partial ? "true" : undefined}>
                    <rect
                      x={center(i) - barWidth / 2}
                      y={top}
                      width={barWidth}
                      height={Math.max(HEIGHT - BOTTOM - top, 0)}
                      rx={2}
                      className={partial ? "fill-brand-100 stroke-brand-600" : "fill-brand-500"}
                      strokeDasharray={partial ? "4 3" : undefined}
                      strokeWidth={partial ? 1.5 : undefined}
                    >
                      <title>{`${rowLabel(i)} · ${bars.name}: ${bars.displays[i]}`}</title>
                    </rect>
                    {partial && (
                      <text x={clampLabelX(center(i), textWidth("so far"), width)} y={Math.max(top - 5, 11)} textAnchor="middle" className="fill-slate-700 text-[11px] font-medium">
                        so far
                      </text>
                    )}
                  </g>
                );
              })}
              {labels.map((label, i) =>
                showsLabel(i, labels.length, stride) ? (
                  <text key={`x${i}`} x={clampLabelX(center(i), textWidth(label, TICK_PX), width)} y={HEIGHT - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
                    {label}
                  </text>
                ) : null,
              )}
              {line && (
                <g>
                  <path d={solid.map((p, i) => `${i === 0 ? "M" : "L"}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(" ")} fill="none" strokeWidth={2} className="stroke-amber-600" />
                  {partialLast && points.length > 1 && (
                    <path d={`M${points[last - 1][0].toFixed(1)},${points[last - 1][1].toFixed(1)} L${points[last][0].toFixed(1)},${points[last][1].toFixed(1)}`} fill="none" strokeWidth={2} strokeDasharray="4 3" className="stroke-amber-600" />
                  )}
                  {points.map((p, i) => (
                    <circle key={`p${i}`} cx={p[0]} cy={p[1]} r={3} strokeWidth={1.5} className={partialLast && i === last ? "fill-white stroke-amber-600" : "fill-amber-600 stroke-white"}>
                      <title>{`${rowLabel(i)} · ${line.name}: ${line.displays[i]}`}</title>
                    </circle>
                  ))}
                </g>
              )}
            </svg>
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden>
              <li className="flex items-center gap-1.5">
                <span className="inline-block h-2.5 w-3 rounded-sm bg-brand-500" />
                {bars.name}
                {line ? " (left axis)" : ""}
              </li>
              {line && (
                <li className="flex items-center gap-1.5">
                  <span className="inline-block h-0.5 w-4 bg-amber-600" />
                  {line.name} (right axis)
                </li>
              )}
              {partialLast && (
                <li className="flex items-center gap-1.5">
                  <span className="inline-block h-2.5 w-3 rounded-sm border border-dashed border-brand-600 bg-brand-100" />
                  {labels[last]}: month so far, not over yet
                </li>
              )}
            </ul>
          </div>
        );
      }}
    </ChartFigure>
  );
}
