"use client";

import { formatCount } from "@/lib/format";

/** Several options chosen by checkboxes, in a labelled group. */
export function ChoiceList({
  options, value, onChange, label, invalid, describedBy, counts,
}: {
  options: readonly { key: string; label: string }[];
  value: string[];
  onChange(next: string[]): void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  /** How many customers have each option (shown beside it), when known. */
  counts?: ReadonlyMap<string, number>;
}) {
  return (
    <fieldset className="flex-1" aria-describedby={describedBy}>
      <legend className="sr-only">{label}</legend>
      <div className={`flex flex-wrap gap-x-4 gap-y-1.5 rounded-md border px-3 py-2 ${invalid ? "border-red-500" : "border-slate-300"}`}>
        {options.length === 0 && <span className="text-sm text-slate-500">This field has no options.</span>}
        {options.map((o) => (
          <label key={o.key} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 accent-brand-600"
              checked={value.includes(o.key)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.key] : value.filter((v) => v !== o.key))}
            />
            {o.label}
            {counts && (
              <span className="text-xs text-slate-600 tabular-nums">
                <span className="sr-only">, </span>
                {formatCount(counts.get(o.key) ?? 0)}
                <span className="sr-only"> {counts.get(o.key) === 1 ? "customer" : "customers"}</span>
              </span>
            )}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
