"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldDefinition } from "@/lib/fields/catalog";
import type { ValueKind } from "@/lib/segments/builder-operators";
import type { ValueSource } from "@/lib/segments/value-schemas";
import { fieldValueSource, optionCountSource, pickerLabel, typedToCode } from "@/lib/segments/value-sources";
import { ChoiceList } from "./choice-list";
import { TagInput } from "./tag-input";
import { useValues } from "./use-values";
import { ValuePicker } from "./value-picker";
import { ValueWarning } from "./value-warning";

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();

/**
 * One value with the workspace's values to pick from (names, codes, counts). It shows the value's
 * name ("Poland", "Organic search", "Product viewed") and stores the code: a typed country or
 * language name, or the typed name of a listed value, becomes its code when the box is left;
 * other typed text stays as typed.
 */
export function PickedValue({ source, labelOf = (v) => v, toCode = (v) => v, value, onChange, label, invalid, describedBy, placeholder = "Type or pick a value", className }: {
  source: ValueSource;
  labelOf?(value: string): string;
  /** A typed value as stored, when it has a code ("Poland" → "PL"). */
  toCode?(typed: string): string;
  value: unknown;
  onChange(v: string | undefined): void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  className?: string;
}) {
  const stored = typeof value === "string" ? value : "";
  const [editing, setEditing] = useState<string | null>(null);
  const { values: known } = useValues(source, "", editing !== null);
  const commit = (typed: string | null) => {
    if (typed === null) return;
    setEditing(null);
    if (typed.trim() === "") return onChange(undefined);
    const code = toCode(typed);
    const byName = code === typed ? known.find((k) => fold(labelOf(k.value)) === fold(typed))?.value : undefined;
    onChange(byName ?? code);
  };
  return (
    <ValuePicker source={source} label={label} text={editing ?? (stored ? labelOf(stored) : "")} labelOf={labelOf}
      invalid={invalid} describedBy={describedBy} placeholder={placeholder} className={className}
      onTextChange={(t) => {
        setEditing(t);
        onChange(t === "" ? undefined : t);
      }}
      onPick={(v) => {
        setEditing(null);
        onChange(v);
      }}
      onEnter={commit} onBlur={() => commit(editing)} />
  );
}

/** The field's options to tick, each with how many customers have it. */
function OptionsWithCounts({ field, value, onChange, label, invalid, describedBy }: {
  field: FieldDefinition;
  value: string[];
  onChange(v: string[]): void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const source = optionCountSource(field);
  const { values, loading, error } = useValues(source, "", !!source);
  const counts = source && !loading && !error ? new Map(values.map((v) => [v.value, v.count])) : undefined;
  return <ChoiceList options={field.options ?? []} value={value} onChange={onChange} label={label} invalid={invalid} describedBy={describedBy} counts={counts} />;
}

// Operators whose values are whole stored values (a pattern such as contains "kra" is not one).
const WHOLE_VALUE = new Set(["eq", "neq", "in", "not_in", "has_any", "has_all", "has_none"]);

/** A value input with, under it, the warning for values no customer has. */
function WithWarning({ field, values, onReplace, children }: { field: FieldDefinition; values: readonly string[]; onReplace(from: string, to: string): void; children: React.ReactNode }) {
  return (
    <div className="min-w-40 flex-1 space-y-1">
      {children}
      <ValueWarning field={field} values={values} onReplace={onReplace} />
    </div>
  );
}

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
export function ValueInput({ kind, field, value, onChange, invalid, describedBy, operator }: {
  kind: ValueKind;
  field: FieldDefinition;
  value: unknown;
  onChange(v: unknown): void;
  invalid?: boolean;
  describedBy?: string;
  /** The condition's operator: values are checked against the data only where they must equal a stored value. */
  operator?: string;
}) {
  const label = `${field.label} value`;
  const a11y = { invalid, describedBy };
  const checked = (values: string[]) => (operator && WHOLE_VALUE.has(operator) ? values : []);
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
      return <OptionsWithCounts field={field} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} label={label} {...a11y} />;
    case "tags": {
      const list = Array.isArray(value) ? (value as string[]) : [];
      const source = fieldValueSource(field);
      return (
        <WithWarning field={field} values={checked(list)} onReplace={(from, to) => onChange([...new Set(list.map((v) => (v === from ? to : v)))])}>
          <TagInput value={list} onChange={onChange} label={label} lowerCase={field.type === "tags"} {...a11y}
            source={source} labelOf={pickerLabel(field)} normalize={(v) => typedToCode(field, v)} placeholder={source ? "Type or pick values" : undefined} />
        </WithWarning>
      );
    }
    case "text":
      if (!fieldValueSource(field)) return <Single kind={kind} field={field} value={value} onChange={onChange} label={label} {...a11y} />;
      return (
        <WithWarning field={field} values={checked(typeof value === "string" ? [value] : [])} onReplace={(_from, to) => onChange(to)}>
          <PickedValue source={fieldValueSource(field)!} labelOf={pickerLabel(field)} toCode={(t) => typedToCode(field, t)}
            value={value} onChange={onChange} label={label} {...a11y} />
        </WithWarning>
      );
    case "relative":
      return <RelativeInput value={value} onChange={onChange} label={label} {...a11y} />;
    case "anniversary":
      return <RelativeInput value={value} onChange={onChange} daysOnly label={label} {...a11y} />;
    default:
      return <Single kind={kind} field={field} value={value} onChange={onChange} label={label} {...a11y} />;
  }
}
