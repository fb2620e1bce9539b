import { formatCount, formatMoney } from "@/lib/format";
import type { RfmGridCell } from "@/lib/rfm/queries";

const SHADES = ["bg-white", "bg-brand-50", "bg-brand-100", "bg-brand-200", "bg-brand-300"];

/** The R × F grid as a table: rows R 5 → 1, columns F 1 → 5; each cell the customers and their mean monetary value. */
export function RfmGrid({ cells }: { cells: RfmGridCell[] }) {
  const max = Math.max(1, ...cells.map((c) => c.customers));
  const cell = (r: number, f: number) => cells.find((c) => c.r === r && c.f === f);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] border-separate border-spacing-1 text-sm">
        <caption className="mb-2 text-left text-sm text-slate-500">
          Customers and average monetary value (total paid per customer) by recency score (rows, 5 = most recent) and frequency score (columns, 5 = most orders).
        </caption>
        <thead>
          <tr>
            <th scope="col"><span className="sr-only">Recency score</span></th>
            {[1, 2, 3, 4, 5].map((f) => (
              <th key={f} scope="col" className="px-2 py-1 text-center text-xs font-medium text-slate-500">F {f}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => (
            <tr key={r}>
              <th scope="row" className="px-2 py-1 text-right text-xs font-medium whitespace-nowrap text-slate-500">R {r}</th>
              {[1, 2, 3, 4, 5].map((f) => {
                const c = cell(r, f);
                const n = c?.customers ?? 0;
                const shade = SHADES[n === 0 ? 0 : Math.min(4, 1 + Math.floor((n / max) * 3.999))];
                return (
                  <td key={f} className={`rounded-md px-2 py-2 text-center ring-1 ring-slate-200 ring-inset ${shade}`} data-testid={`rfm-cell-r${r}-f${f}`}>
                    <div className="font-semibold text-slate-900 tabular-nums">{formatCount(n)}</div>
                    <div className="text-xs text-slate-600 tabular-nums">{c?.avgMonetary == null ? "—" : `avg ${formatMoney(c.avgMonetary)}`}</div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
