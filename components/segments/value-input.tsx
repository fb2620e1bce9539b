"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldDefinition } from "@/lib/fields/catalog";
import type { ValueKind } from "@/lib/segments/builder-operators";
import { ChoiceList } from "./choice-list";
import { TagInput } from "./tag-input";

/** A number typed into an input: undefined while empty or not a number. */
export function parseNumber(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function Single({ kind, field, value, onChange, label, invalid, describedBy }: {
  kind: "text" | "number" | "money" | "date" | "option";
  field: FieldDefinition;
  value: unknown;
  onChange(v: unknown): void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const common = { "aria-label": label, "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  if (kind === "option") {
    return (
      <Select {...common} className="min-w-40 flex-1" value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Choose…</option>
        {(field.options ?? []).map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
      </Select>
    );
  }
  if (kind === "date") {
    return <Input {...common} type="date" className="w-44" value={typeof value === "string" ? value.slice(0, 10) : ""} onChange={(e) => onChange(e.target.value || undefined)} />;
  }
  if (kind === "number" || kind === "money") {
    return (
      <Input
        {...common}
        type="number"
        inputMode="decimal"
        step={kind === "money" ? "0.01" : "any"}
        className="w-36"
        value={typeof value === "number" ? String(value) : ""}
        onChange={(e) => onChange(parseNumber(e.target.value))}
      />
    );
  }
  return <Input {...common} className="min-w-40 flex-1" value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />;
}

/** A relative period: a number and a unit (days, weeks, months; days only for anniversaries). */
export function RelativeInput({ value, onChange, daysOnly = false, label, invalid, describedBy }: {
  value: unknown;
  onChange(v: { amount: number | undefined; unit: string }): void;
  daysOnly?: boolean;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const v = (value && typeof value === "object" ? value : {}) as { amount?: number; unit?: string };
  const unit = v.unit ?? "day";
  return (
    <div className="flex gap-2">
      <Input
        type="number"
        min={daysOnly ? 0 : 1}
        step={1}
        aria-label={`${label}: number of ${daysOnly ? "days" : `${unit}s`}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="w-24"
        value={typeof v.amount === "number" ? String(v.amount) : ""}
        onChange={(e) => onChange({ amount: parseNumber(e.target.value), unit })}
      />
      {daysOnly ? (
        <span className="self-center text-sm text-slate-600">days</span>
      ) : (
        <Select aria-label={`${label}: unit`} className="w-32 shrink-0" value={unit} onChange={(e) => onChange({ amount: v.amount, unit: e.target.value })}>
          <option value="day">days</option>
          <option value="week">weeks</option>
          <option value="month">months</option>
        </Select>
      )}
    </div>
  );
}

/** The value input that fits an operator on a field. */
export function ValueInput({ kind, field, value, onChange, invalid, describedBy }: {
  kind: ValueKind;
  field: FieldDefinition;
  value: unknown;
  onChange(v: unknown): void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const label = `${field.label} value`;
  const a11y = { invalid, describedBy };
  switch (kind) {
    case "none":
      return null;
    case "between": {
      const pair = Array.isArray(value) ? value : [undefined, undefined];
      const single = field.type === "date" || field.type === "datetime" ? "date" : field.type === "money" ? "money" : "number";
      const set = (i: 0 | 1, v: unknown) => onChange(i === 0 ? [v, pair[1]] : [pair[0], v]);
      return (
        <div className="flex items-center gap-2">
          <Single kind={single} field={field} value={pair[0]} onChange={(v) => set(0, v)} label={`${field.label} from`} {...a11y} />
          <span className="text-sm text-slate-600">and</span>
          <Single kind={single} field={field} value={pair[1]} onChange={(v) => set(1, v)} label={`${field.label} to`} {...a11y} />
        </div>
      );
    }
    case "options":
      return <ChoiceList options={field.options ?? []} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} label={label} {...a11y} />;
    case "tags":
      return <TagInput value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} label={label} lowerCase={field.type === "tags"} {...a11y} />;
    case "relative":
      return <RelativeInput value={value} onChange={onChange} label={label} {...a11y} />;
    case "anniversary":
      return <RelativeInput value={value} onChange={onChange} daysOnly label={label} {...a11y} />;
    default:
      return <Single kind={kind} field={field} value={value} onChange={onChange} label={label} {...a11y} />;
  }
}
