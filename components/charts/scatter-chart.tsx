"use client";

import { ChartFigure } from "./chart-figure";
import { formatTick, type AxisFormat } from "./axis";
import { clampLabelX, fitLabel, textWidth } from "./layout";
import { linearScale, maxOf, niceTicks } from "./scale";

/** One labelled point with its coordinates as shown. */
export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  xDisplay: string;
  yDisplay: string;
}

const HEIGHT = 300;
const LEFT = 64;
const RIGHT = 24;
const TOP = 16;
const BOTTOM = 40;

/** Labelled points on two linear axes from zero, with a table view. */
export function ScatterChart({
  title,
  description,
  points,
  xLabel,
  yLabel,
  xFormat = "count",
  yFormat = "count",
}: {
  title: string;
  description: string;
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  xFormat?: AxisFormat;
  yFormat?: AxisFormat;
}) {
  const xTicks = niceTicks(maxOf(points.map((p) => p.x)));
  const yTicks = niceTicks(maxOf(points.map((p) => p.y)));
  const y = linearScale([0, yTicks[yTicks.length - 1]], [HEIGHT - BOTTOM, TOP]);
  return (
    <ChartFigure title={title} description={description} table={{ columns: ["Segment", xLabel, yLabel], rows: points.map((p) => [p.label, p.xDisplay, p.yDisplay]) }}>
      {({ titleId, descId, width: WIDTH }) => {
        const x = linearScale([0, xTicks[xTicks.length - 1]], [LEFT, WIDTH - RIGHT]);
        const labelRoom = Math.max(60, Math.min(200, WIDTH / 3));
        return (
        <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="block max-w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} className="stroke-slate-200" strokeDasharray="3 3" />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                {formatTick(t, yFormat)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={`x${t}`} x={clampLabelX(x(t), textWidth(formatTick(t, xFormat)), WIDTH)} y={HEIGHT - BOTTOM + 16} textAnchor="middle" className="fill-slate-600 text-[11px]">
              {formatTick(t, xFormat)}
            </text>
          ))}
          <text x={(LEFT + WIDTH - RIGHT) / 2} y={HEIGHT - 4} textAnchor="middle" className="fill-slate-600 text-[12px]">
            {xLabel}
          </text>
          <text x={14} y={(TOP + HEIGHT - BOTTOM) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(TOP + HEIGHT - BOTTOM) / 2})`} className="fill-slate-600 text-[12px]">
            {yLabel}
          </text>
          {points.map((p) => (
            <g key={p.label}>
              <circle cx={x(p.x)} cy={y(p.y)} r={6} className="fill-brand-500 stroke-white" strokeWidth={1.5}>
                <title>{`${p.label}: ${p.xDisplay}, ${p.yDisplay}`}</title>
              </circle>
              <text x={x(p.x) + (x(p.x) > WIDTH - labelRoom ? -10 : 10)} y={y(p.y) - 8} textAnchor={x(p.x) > WIDTH - labelRoom ? "end" : "start"} className="fill-slate-700 text-[12px]">
                {fitLabel(p.label, labelRoom - 10)}
              </text>
            </g>
          ))}
        </svg>
        );
      }}
    </ChartFigure>
  );
}
