/** Conditions in plain words with the catalog's labels, for the builder's funnel and "why is this customer in it". Client-safe. */
import { findField, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import { AMOUNT_COMPARISON_LABELS, COMPARISON_LABELS, MEASURE_LABELS, operatorLabel } from "./builder-operators";
import type { ExplainNode } from "./explain";
import type { Comparison } from "./ranges";
import type { ConditionNode, Window } from "./schema";

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

function optionLabel(field: FieldDefinition | undefined, key: unknown): string {
  const label = field?.options?.find((o) => o.key === key)?.label;
  return label ?? String(key);
}

function valueText(field: FieldDefinition | undefined, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => optionLabel(field, v)).join(", ");
  if (value && typeof value === "object" && "amount" in value) {
    const v = value as { amount: number; unit: string };
    return plural(v.amount, v.unit);
  }
  return optionLabel(field, value);
}

/** A window in words: "ever", "in the last 90 days", "between 2024-01-01 and 2024-03-31". */
export function windowText(window: Window | undefined): string {
  if (!window || window.type === "ever") return "ever";
  if (window.type === "last") return `in the last ${plural(window.amount, window.unit)}`;
  return `between ${window.from} and ${window.to}`;
}

function comparisonText(labels: Readonly<Record<Comparison, string>>, operator: string, value: unknown): string {
  const words = labels[operator as Comparison] ?? operator;
  return Array.isArray(value) ? `${words} ${value[0]} and ${value[1]}` : `${words} ${String(value)}`;
}

/** One condition in words, e.g. "Country is any of PL, DE" or "Number of orders at least 3 in the last 90 days". */
export function describeNode(node: ConditionNode | ExplainNode["node"], catalog: FieldCatalog, segmentNames: ReadonlyMap<string, string> = new Map()): string {
  switch (node.type) {
    case "group":
      return node.combinator === "and" ? (node.negate ? "Not all of these" : "All of these") : node.negate ? "None of these" : "Any of these";
    case "field": {
      const field = findField(catalog, node.field);
      const label = field?.label ?? node.field;
      const op = field ? operatorLabel(node.operator, field.type, field.key) : node.operator;
      if (node.value === undefined) return `${label} ${op}`;
      if (op.includes("…")) return `${label} ${op.replace("…", valueText(field, node.value))}`;
      if (node.operator === "between" && Array.isArray(node.value)) return `${label} ${op} ${node.value[0]} and ${node.value[1]}`;
      return `${label} ${op} ${valueText(field, node.value)}`;
    }
    case "orders": {
      const labels = node.measure === "count" ? COMPARISON_LABELS : AMOUNT_COMPARISON_LABELS;
      const filters = [
        node.filter?.categories ? `with an item in ${node.filter.categories.join(", ")}` : "",
        node.filter?.status ? `status ${node.filter.status.join(" or ")}` : "",
      ].filter(Boolean);
      return `${MEASURE_LABELS[node.measure]} ${comparisonText(labels, node.operator, node.value)} ${windowText(node.window)}${filters.length ? ` (${filters.join("; ")})` : ""}`;
    }
    case "event": {
      const where = (node.where ?? []).map((f) => `${f.property} ${f.operator} ${String(f.value)}`);
      const times = node.operator === "eq" && node.value === 0 ? "never" : `${comparisonText(COMPARISON_LABELS, node.operator, node.value)} times`;
      return `Event "${node.name}" ${times} ${windowText(node.window)}${where.length ? ` where ${where.join(" and ")}` : ""}`;
    }
    case "segment":
      return `${node.operator === "in" ? "Is in" : "Is not in"} segment "${segmentNames.get(node.segmentId) ?? node.segmentId}"`;
    case "rfm":
      return "RFM condition";
  }
}

/** What was measured for an explained condition, in words (empty when nothing was). */
export function measuredText(node: ExplainNode, catalog: FieldCatalog): string {
  if (node.measured !== undefined) {
    if (node.measured === null) return "no orders to average";
    return node.node.type === "event" ? `happened ${node.measured} time${node.measured === 1 ? "" : "s"}` : `measured ${node.measured}`;
  }
  if (node.actual !== undefined && node.node.type === "field") {
    const field = findField(catalog, node.node.field);
    if (node.actual === null || (Array.isArray(node.actual) && node.actual.length === 0)) return "value is empty";
    return `value is ${valueText(field, node.actual)}`;
  }
  return "";
}
