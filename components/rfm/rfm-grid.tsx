import { formatCount, formatMoney } from "@/lib/format";
import { heatScale, heatStep } from "@/lib/rfm/heat";
import type { RfmGridCell } from "@/lib/rfm/queries";

const SCORES = [1, 2, 3, 4, 5];

/**
 * The R × F grid as a heat map table: rows R 5 → 1, columns F 1 → 5; each cell the customers and
 * their mean monetary value, its colour darker the more customers it holds, with a legend.
 */
export function RfmGrid({ cells }: { cells: RfmGridCell[] }) {
  const max = Math.max(0, ...cells.map((c) => c.customers));
  const scale = heatScale(max);
  const cell = (r: number, f: number) => cells.find((c) => c.r === r && c.f === f);
  const legend = scale.filter((s, i) => i === 0 || s.min <= s.max);
  const captionId = "rfm-grid-caption"; // one grid per page
  return (
    <div>
      {/* Outside the scrolling box, so a phone shows all of it while the grid scrolls sideways. */}
      <p id={captionId} className="mb-2 text-sm text-slate-600">
        Customers and average monetary value (total paid per customer) by recency score (rows, 5 = bought most recently) and frequency score (columns, 5 = most
        orders). Darker cells hold more customers.
      </p>
      {/* Focusable so a keyboard can scroll it sideways on a phone. */}
      <div className="overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-brand-600" tabIndex={0} role="region" aria-label="RFM grid, scrolls sideways on small screens">
        <table aria-labelledby={captionId} className="w-full min-w-[32rem] border-separate border-spacing-1 text-sm">
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="px-2 py-1 text-right align-bottom text-xs font-semibold text-slate-700">
                Recency score ↓
              </th>
              <th scope="colgroup" colSpan={5} className="pb-1 text-center text-xs font-semibold text-slate-700">
                Frequency score → <span className="font-normal text-slate-600">(1 = fewest orders, 5 = most)</span>
              </th>
            </tr>
            <tr>
              {SCORES.map((f) => (
                <th key={f} scope="col" className="px-2 py-1 text-center text-xs font-medium text-slate-700">
                  F {f}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[5, 4, 3, 2, 1].map((r) => (
              <tr key={r}>
                <th scope="row" className="px-2 py-1 text-right text-xs font-medium whitespace-nowrap text-slate-700">
                  R {r}
                  {r === 5 && <span className="block font-normal text-slate-600">most recent</span>}
                  {r === 1 && <span className="block font-normal text-slate-600">longest ago</span>}
                </th>
                {SCORES.map((f) => {
                  const c = cell(r, f);
                  const n = c?.customers ?? 0;
                  const step = heatStep(n, max);
                  const { background, text } = scale[step];
                  return (
                    <td
                      key={f}
                      className="rounded-md px-2 py-2 text-center ring-1 ring-slate-200 ring-inset"
                      style={{ backgroundColor: background, color: text }}
                      data-testid={`rfm-cell-r${r}-f${f}`}
                      data-customers={n}
                    >
                      <div className="font-semibold tabular-nums">{formatCount(n)}</div>
                      <div className="text-xs tabular-nums">{c?.avgMonetary == null ? "—" : `avg ${formatMoney(c.avgMonetary)}`}</div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-700" data-testid="rfm-legend">
        <span className="font-medium">Customers per cell:</span>
        <ul className="flex flex-wrap gap-x-3 gap-y-1">
          {legend.map((s) => (
            <li key={s.background} className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block size-3.5 rounded-sm ring-1 ring-slate-300 ring-inset" style={{ backgroundColor: s.background }} />
              {s.max === 0 ? "none" : s.min === s.max ? formatCount(s.min) : `${formatCount(s.min)}–${formatCount(s.max)}`}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
