import { formatCount, formatShare } from "@/lib/format";

/** A ranked list of categories with counts and bars proportional to their share of the total. */
export function BreakdownList({ title, rows, total }: { title: string; rows: { label: string; count: number }[]; total: number }) {
  return (
    <section aria-labelledby={`${title}-title`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${title}-title`} className="text-sm font-medium text-slate-700">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No customers yet.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {rows.map((r) => {
            const share = total > 0 ? r.count / total : 0;
            return (
              <li key={r.label} className="text-sm">
                <div className="flex justify-between gap-2">
                  <span className="truncate text-slate-700">{r.label}</span>
                  <span className="tabular-nums text-slate-500">
                    {formatCount(r.count)} · {formatShare(share)}
                  </span>
                </div>
                <div className="mt-1 h-1.5 rounded-full bg-slate-100">
                  <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${Math.max(share * 100, 1)}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
