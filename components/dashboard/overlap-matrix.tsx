import type { Overlap } from "@/lib/dashboard/compare";
import { formatCount, formatShare } from "@/lib/format";

/** Members in both of each pair: a row's cell reads "n members, x% of the row segment". */
export function OverlapMatrix({ segments, overlaps }: { segments: { id: string; name: string; members: number }[]; overlaps: Overlap[] }) {
  const cell = (a: string, b: string) => {
    const o = overlaps.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
    if (!o) return null;
    return { both: o.both, share: o.a === a ? o.shareOfA : o.shareOfB };
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Overlap between each pair of segments: members in both, and their share of the row segment</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th scope="col" className="py-2 pr-3 font-medium">
              Members of … also in →
            </th>
            {segments.map((s) => (
              <th key={s.id} scope="col" className="px-3 py-2 text-right font-medium">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {segments.map((row) => (
            <tr key={row.id} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-700">
                {row.name} <span className="block text-xs font-normal text-slate-500">{formatCount(row.members)} members</span>
              </th>
              {segments.map((col) => {
                if (col.id === row.id) {
                  return (
                    <td key={col.id} className="bg-slate-50 px-3 py-2 text-right text-slate-400">
                      —
                    </td>
                  );
                }
                const c = cell(row.id, col.id);
                return (
                  <td key={col.id} className="px-3 py-2 text-right tabular-nums text-slate-700">
                    {c ? (
                      <>
                        {formatCount(c.both)}
                        <span className="block text-xs text-slate-500">{formatShare(c.share)}</span>
                      </>
                    ) : (
                      "—"
                    )}
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
