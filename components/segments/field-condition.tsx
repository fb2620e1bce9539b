"use client";

import { Select } from "@/components/ui/select";
import { findField } from "@/lib/fields/catalog";
import { fieldOperators, initialOperator, initialValue, valueKind } from "@/lib/segments/builder-operators";
import type { DraftCondition } from "@/lib/segments/builder-tree";
import { hasError, useBuilder } from "./builder-context";
import { FieldPicker } from "./field-picker";
import { ValueInput } from "./value-input";

/** A field condition: field, operator in plain words, and the value input the operator needs. */
export function FieldCondition({ node, describedBy }: { node: DraftCondition; describedBy?: string }) {
  const { catalog, change, errors } = useBuilder();
  const errs = errors.get(node.id);
  const field = typeof node.field === "string" ? findField(catalog, node.field) : undefined;
  const operator = typeof node.operator === "string" ? node.operator : undefined;
  const pickField = (key: string) => {
    const next = findField(catalog, key);
    if (!next) return;
    const keep = field?.type === next.type && operator;
    const op = keep ? operator : initialOperator(next);
    change(node.id, { id: node.id, type: "field", field: key, operator: op, value: keep ? node.value : initialValue(valueKind(next, op)) });
  };
  return (
    <div className="flex w-full flex-wrap items-center gap-2">
      <FieldPicker catalog={catalog} value={field?.key} onChange={pickField} invalid={hasError(errs, "field")} describedBy={describedBy} />
      {field && (
        <>
          <Select aria-label={`${field.label} operator`} className="w-full sm:w-auto sm:min-w-36" value={operator ?? ""} aria-invalid={hasError(errs, "operator") || undefined}
            onChange={(e) => {
              const op = e.target.value;
              const sameKind = operator && valueKind(field, operator) === valueKind(field, op);
              change(node.id, { ...node, operator: op, value: sameKind ? node.value : initialValue(valueKind(field, op)) });
            }}>
            {fieldOperators(field).map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
          </Select>
          {operator && (
            // The wrapper gives the value input the rest of the line (and a line of its own on a phone).
            <div className="flex min-w-0 flex-[1_1_8rem] flex-wrap items-start gap-2 empty:hidden">
              <ValueInput kind={valueKind(field, operator)} field={field} value={node.value} onChange={(value) => change(node.id, { ...node, value })}
                invalid={hasError(errs, "value")} describedBy={describedBy} operator={operator} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
