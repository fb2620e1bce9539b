"use client";

import { Plus, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { COMPARISON_LABELS } from "@/lib/segments/builder-operators";
import type { DraftCondition } from "@/lib/segments/builder-tree";
import { LIMITS } from "@/lib/segments/limits";
import { hasError, useBuilder } from "./builder-context";
import { ComparisonInput, WindowInput } from "./measure-inputs";
import { categoryLabel, eventLabel } from "@/lib/fields/value-labels";
import { parseNumber, PickedValue } from "./value-input";

type PropertyFilter = { property?: string; operator: string; value?: string | number | boolean };

const PROPERTY_OPERATORS = { eq: "is", neq: "is not", contains: "contains", lt: "is less than", lte: "is at most", gt: "is greater than", gte: "is at least" } as const;

function valueType(f: PropertyFilter): "text" | "number" | "boolean" {
  return typeof f.value === "number" || ["lt", "lte", "gt", "gte"].includes(f.operator) ? "number" : typeof f.value === "boolean" ? "boolean" : "text";
}

/** An event condition: event name, how many times, window, and property filters. */
export function EventCondition({ node, describedBy }: { node: DraftCondition; describedBy?: string }) {
  const { change, errors, suggestions } = useBuilder();
  const errs = errors.get(node.id);
  const propsId = useId();
  const set = (patch: Record<string, unknown>) => change(node.id, { ...node, ...patch });
  const where = (node.where as PropertyFilter[] | undefined) ?? [];
  const setWhere = (next: PropertyFilter[]) => set({ where: next.length ? next : undefined });
  const setFilter = (i: number, patch: Partial<PropertyFilter>) => setWhere(where.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="w-full space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <PickedValue source={{ kind: "event" }} labelOf={eventLabel} label="Event name" className="w-full flex-none sm:w-52" placeholder="e.g. Cart abandoned" value={node.name}
          invalid={hasError(errs, "name")} describedBy={describedBy} onChange={(name) => set({ name })} />
        <span className="text-sm text-slate-600">happened</span>
        <ComparisonInput label="Event count" labels={COMPARISON_LABELS} operator={String(node.operator ?? "gte")} value={node.value}
          onChange={(operator, value) => set({ operator, value })} invalid={hasError(errs, "value") || hasError(errs, "operator")} describedBy={describedBy} />
        <span className="text-sm text-slate-600">times</span>
        <WindowInput label="Event window" value={node.window as never} onChange={(window) => set({ window })} invalid={hasError(errs, "window")} describedBy={describedBy} />
      </div>
      {where.length > 0 && (
        <ul className="space-y-2" aria-label="Property filters">
          {where.map((f, i) => {
            const type = valueType(f);
            const n = i + 1;
            return (
              <li key={i} className="flex flex-wrap items-center gap-2">
                <span className="text-sm text-slate-600">{i === 0 ? "where" : "and"}</span>
                <Input aria-label={`Property filter ${n}: property`} list={propsId} className="w-40!" value={f.property ?? ""}
                  aria-invalid={hasError(errs, `where[${i}].property`) || undefined} aria-describedby={describedBy}
                  onChange={(e) => setFilter(i, { property: e.target.value === "" ? undefined : e.target.value })} />
                <Select aria-label={`Property filter ${n}: comparison`} className="w-40" value={f.operator}
                  onChange={(e) => {
                    const operator = e.target.value;
                    const numeric = ["lt", "lte", "gt", "gte"].includes(operator);
                    setFilter(i, { operator, value: numeric && typeof f.value !== "number" ? undefined : operator === "contains" && typeof f.value !== "string" ? undefined : f.value });
                  }}>
                  {Object.entries(PROPERTY_OPERATORS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
                </Select>
                {(f.operator === "eq" || f.operator === "neq") && (
                  <Select aria-label={`Property filter ${n}: value type`} className="w-32" value={type}
                    onChange={(e) => setFilter(i, { value: e.target.value === "boolean" ? true : e.target.value === "number" ? 0 : "" })}>
                    <option value="text">text</option>
                    <option value="number">number</option>
                    <option value="boolean">yes / no</option>
                  </Select>
                )}
                {type === "boolean" ? (
                  <Select aria-label={`Property filter ${n}: value`} className="w-24" value={String(f.value)} onChange={(e) => setFilter(i, { value: e.target.value === "true" })}>
                    <option value="true">yes</option>
                    <option value="false">no</option>
                  </Select>
                ) : type === "number" ? (
                  <Input aria-label={`Property filter ${n}: value`} type="number" step="any" className="w-32!" value={typeof f.value === "number" ? String(f.value) : ""}
                    aria-invalid={hasError(errs, `where[${i}].value`) || undefined} aria-describedby={describedBy}
                    onChange={(e) => setFilter(i, { value: parseNumber(e.target.value) })} />
                ) : !f.property ? (
                  <Input aria-label={`Property filter ${n}: value`} className="w-40!" value={typeof f.value === "string" ? f.value : ""}
                    aria-invalid={hasError(errs, `where[${i}].value`) || undefined} aria-describedby={describedBy}
                    onChange={(e) => setFilter(i, { value: e.target.value })} />
                ) : (
                  <PickedValue source={{ kind: "eventProperty", property: f.property, ...(typeof node.name === "string" && node.name ? { event: node.name } : {}) }}
                    labelOf={f.property === "category" ? categoryLabel : undefined} label={`Property filter ${n}: value`} className="w-40! flex-none" placeholder=""
                    value={f.value} invalid={hasError(errs, `where[${i}].value`)} describedBy={describedBy} onChange={(value) => setFilter(i, { value: value ?? "" })} />
                )}
                <Button variant="ghost" size="sm" aria-label={`Remove property filter ${n}`} onClick={() => setWhere(where.filter((_, j) => j !== i))}>
                  <X aria-hidden className="size-4" />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <datalist id={propsId}>{suggestions.eventProperties.map((n) => <option key={n} value={n} />)}</datalist>
      {where.length < LIMITS.where && (
        <Button variant="ghost" size="sm" onClick={() => setWhere([...where, { operator: "eq", value: "" }])}>
          <Plus aria-hidden className="size-4" />
          Add property filter
        </Button>
      )}
    </div>
  );
}
