"use client";

import { ChartFigure } from "./chart-figure";
import { formatTick, type AxisFormat } from "./axis";
import { clampLabelX, fitLabel, textWidth } from "./layout";
import { linearScale, maxOf, niceTicks } from "./scale";

/** One bar: its label, its value, and the value as shown (tables, tooltips). */
export interface BarDatum {
  label: string;
  value: number;
  display: string;
  /** Extra columns of the table view, in the order of `extraColumns`. */
  extra?: string[];
}

// The label column: 150 px, less on narrow charts (a phone keeps at least 60 % for the bars).
const labelColumn = (width: number) => Math.min(150, Math.round(width * 0.4));
const ROW = 26;
const TOP = 8;
const AXIS = 22;

/** Horizontal bars (categories are read left to right), with a table view of the same numbers. */
export function BarChart({
  title,
  description,
  data,
  valueColumn,
  extraColumns = [],
  format = "count",
  empty = "No data to show.",
}: {
  title: string;
  description: string;
  data: BarDatum[];
  valueColumn: string;
  extraColumns?: string[];
  format?: AxisFormat;
  empty?: string;
}) {
  const ticks = niceTicks(maxOf(data.map((d) => d.value)));
  const height = TOP + data.length * ROW + AXIS;
  return (
    <ChartFigure
      title={title}
      description={description}
      empty={data.length === 0 ? empty : undefined}
      table={{ columns: ["", valueColumn, ...extraColumns].map((c, i) => (i === 0 ? title : c)), rows: data.map((d) => [d.label, d.display, ...(d.extra ?? [])]) }}
    >
      {({ titleId, descId, width }) => {
        const LABEL = labelColumn(width);
        const x = linearScale([0, ticks[ticks.length - 1]], [LABEL, width - 12]);
        return (
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="block max-w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={TOP} y2={height - AXIS} className="stroke-slate-200" strokeDasharray="3 3" />
              <text x={clampLabelX(x(t), textWidth(formatTick(t, format)), width)} y={height - 6} textAnchor="middle" className="fill-slate-600 text-[11px]">
                {formatTick(t, format)}
              </text>
            </g>
          ))}
          {data.map((d, i) => {
            const y = TOP + i * ROW;
            return (
              <g key={`${d.label}-${i}`}>
                <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="fill-slate-700 text-[12px]">
                  {fitLabel(d.label, LABEL - 12)}
                </text>
                <rect x={LABEL} y={y + 4} width={Math.max(x(d.value) - LABEL, d.value > 0 ? 1 : 0)} height={ROW - 8} rx={3} className="fill-brand-500">
                  <title>{`${d.label}: ${d.display}`}</title>
                </rect>
              </g>
            );
          })}
        </svg>
        );
      }}
    </ChartFigure>
  );
}
