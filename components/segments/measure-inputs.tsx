"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Comparison } from "@/lib/segments/ranges";
import { RelativeInput, parseNumber } from "./value-input";

type Window = { type: "ever" } | { type: "last"; amount?: number; unit?: string } | { type: "between"; from?: string; to?: string };

/** A comparison of a count or an amount: operator, then one number or two for between. */
export function ComparisonInput({ labels, operator, value, onChange, label, money = false, invalid, describedBy }: {
  labels: Readonly<Record<Comparison, string>>;
  operator: string;
  value: unknown;
  onChange(operator: string, value: unknown): void;
  label: string;
  money?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const a11y = { "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  const num = (v: unknown, name: string, set: (n: number | undefined) => void) => (
    <Input type="number" step={money ? "0.01" : "1"} min={money ? undefined : 0} className="w-28!" aria-label={name} {...a11y}
      value={typeof v === "number" ? String(v) : ""} onChange={(e) => set(parseNumber(e.target.value))} />
  );
  const pair = Array.isArray(value) ? value : [undefined, undefined];
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select aria-label={`${label}: comparison`} className="w-36" value={operator}
        onChange={(e) => {
          const next = e.target.value;
          onChange(next, next === "between" ? [typeof value === "number" ? value : undefined, undefined] : Array.isArray(value) ? value[0] : value);
        }}>
        {Object.entries(labels).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
      </Select>
      {operator === "between" ? (
        <>
          {num(pair[0], `${label}: from`, (n) => onChange(operator, [n, pair[1]]))}
          <span className="text-sm text-slate-600">and</span>
          {num(pair[1], `${label}: to`, (n) => onChange(operator, [pair[0], n]))}
        </>
      ) : (
        num(value, `${label}: value`, (n) => onChange(operator, n))
      )}
    </div>
  );
}

/** An orders or events window: ever, the last N days/weeks/months, or between two dates. */
export function WindowInput({ value, onChange, label, invalid, describedBy }: {
  value: Window | undefined;
  onChange(next: Window): void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const w = value ?? { type: "ever" };
  const a11y = { "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select aria-label={`${label}: when`} className="w-40" value={w.type}
        onChange={(e) => {
          const t = e.target.value;
          onChange(t === "last" ? { type: "last", amount: 30, unit: "day" } : t === "between" ? { type: "between" } : { type: "ever" });
        }}>
        <option value="ever">ever</option>
        <option value="last">in the last</option>
        <option value="between">between dates</option>
      </Select>
      {w.type === "last" && (
        <RelativeInput label={label} value={w} invalid={invalid} describedBy={describedBy}
          onChange={(r) => onChange({ type: "last", amount: r.amount, unit: r.unit })} />
      )}
      {w.type === "between" && (
        <>
          <Input type="date" className="w-44!" aria-label={`${label}: from date`} {...a11y} value={w.from ?? ""} onChange={(e) => onChange({ ...w, from: e.target.value || undefined })} />
          <span className="text-sm text-slate-600">and</span>
          <Input type="date" className="w-44!" aria-label={`${label}: to date`} {...a11y} value={w.to ?? ""} onChange={(e) => onChange({ ...w, to: e.target.value || undefined })} />
        </>
      )}
    </div>
  );
}
