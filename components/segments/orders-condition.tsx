"use client";

import { Select } from "@/components/ui/select";
import { AMOUNT_COMPARISON_LABELS, COMPARISON_LABELS, MEASURE_LABELS } from "@/lib/segments/builder-operators";
import type { DraftCondition } from "@/lib/segments/builder-tree";
import { hasError, useBuilder } from "./builder-context";
import { ComparisonInput, WindowInput } from "./measure-inputs";
import { categoryLabel } from "@/lib/fields/value-labels";
import { TagInput } from "./tag-input";

const STATUSES = [
  { key: "paid", label: "Paid" },
  { key: "pending", label: "Pending" },
  { key: "refunded", label: "Refunded" },
  { key: "cancelled", label: "Cancelled" },
];

type Filter = { categories?: string[]; status?: string[] };

/** An orders condition: measure, comparison, window, and optionally categories and statuses. */
export function OrdersCondition({ node, describedBy }: { node: DraftCondition; describedBy?: string }) {
  const { change, errors, suggestions } = useBuilder();
  const errs = errors.get(node.id);
  const set = (patch: Record<string, unknown>) => change(node.id, { ...node, ...patch });
  const measure = (node.measure as keyof typeof MEASURE_LABELS) ?? "count";
  const filter = (node.filter as Filter | undefined) ?? {};
  const setFilter = (patch: Filter) => {
    const next = { ...filter, ...patch };
    if (!next.categories?.length) delete next.categories;
    if (!next.status?.length) delete next.status;
    set({ filter: Object.keys(next).length ? next : undefined });
  };
  const statuses = filter.status ?? ["paid"];
  return (
    <div className="w-full space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Select aria-label="Orders: measure" className="w-full sm:w-52" value={measure} onChange={(e) => set({ measure: e.target.value })}>
          {Object.entries(MEASURE_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
        </Select>
        <ComparisonInput label="Orders" labels={measure === "count" ? COMPARISON_LABELS : AMOUNT_COMPARISON_LABELS} money={measure !== "count"}
          operator={String(node.operator ?? "gte")} value={node.value} onChange={(operator, value) => set({ operator, value })}
          invalid={hasError(errs, "value") || hasError(errs, "operator")} describedBy={describedBy} />
        <WindowInput label="Orders window" value={node.window as never} onChange={(window) => set({ window })} invalid={hasError(errs, "window")} describedBy={describedBy} />
      </div>
      <div className="flex w-full flex-wrap items-start gap-4">
        <div className="flex min-w-0 flex-[1_1_16rem] items-start gap-2">
          <span className="mt-2 text-sm text-slate-600">only orders with an item in</span>
          <TagInput label="Orders: categories" placeholder="any category" value={filter.categories ?? []} suggestions={suggestions.categories} source={{ kind: "category" }} labelOf={categoryLabel}
            onChange={(categories) => setFilter({ categories })} invalid={hasError(errs, "filter.categories")} describedBy={describedBy} />
        </div>
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="sr-only">Orders: statuses counted</legend>
          <span className="text-sm text-slate-600">status</span>
          {STATUSES.map((s) => (
            <label key={s.key} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" className="size-4 accent-brand-600" checked={statuses.includes(s.key)}
                onChange={(e) => {
                  const next = e.target.checked ? [...statuses, s.key] : statuses.filter((x) => x !== s.key);
                  setFilter({ status: next.length === 1 && next[0] === "paid" ? undefined : next.length ? next : [] });
                }} />
              {s.label}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
