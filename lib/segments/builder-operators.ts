/**
 * What the rule builder offers for a field: operators in plain words for its type, the kind of value
 * input each needs, and the starting value when an operator is chosen. Client-safe.
 */
import type { FieldDefinition, FieldType } from "@/lib/fields/catalog";
import { operatorsFor } from "./operators";
import type { Comparison } from "./ranges";

/** The value input an operator needs on a field. */
export type ValueKind =
  | "none"
  | "text"
  | "number"
  | "money"
  | "date"
  | "option"
  | "between"
  | "options"
  | "tags"
  | "relative"
  | "anniversary";

const DATE_LABELS: Partial<Record<string, string>> = {
  eq: "is on",
  neq: "is not on",
  lt: "is before",
  lte: "is on or before",
  gt: "is after",
  gte: "is on or after",
  between: "is between",
  in_last: "is in the last",
  more_than_ago: "is more than … ago",
  in_next: "is in the next",
};

/** Email consent reads as its three states: yes, no, never asked (its empty value). */
const CONSENT_OPERATOR_LABELS: Partial<Record<string, string>> = {
  is_true: "is yes (opted in)",
  is_false: "is no (declined)",
  is_empty: "was never asked",
  is_not_empty: "was answered (yes or no)",
};

/**
 * The operator in plain words for a field type ("is before" for dates, "is at least" for numbers);
 * with the field's key, in that field's own words where it has them (email consent).
 */
export function operatorLabel(key: string, type: FieldType, fieldKey?: string): string {
  const op = operatorsFor(type).find((o) => o.key === key);
  if (!op) return key;
  if (fieldKey === "emailOptIn" && type === "boolean") return CONSENT_OPERATOR_LABELS[key] ?? op.label;
  if (type === "date" || type === "datetime") return DATE_LABELS[key] ?? op.label;
  return op.label;
}

/** The operators of a field, in registry order, with their plain-word labels. */
export function fieldOperators(field: FieldDefinition): { key: string; label: string }[] {
  const seen = new Set<string>();
  return operatorsFor(field.type)
    .filter((o) => !seen.has(o.key) && seen.add(o.key))
    .map((o) => ({ key: o.key, label: operatorLabel(o.key, field.type, field.key) }));
}

/** The value input of an operator on a field. */
export function valueKind(field: FieldDefinition, operator: string): ValueKind {
  switch (operator) {
    case "is_true":
    case "is_false":
    case "is_empty":
    case "is_not_empty":
      return "none";
    case "between":
      return "between";
    case "in_last":
    case "more_than_ago":
    case "in_next":
      return "relative";
    case "anniversary_in_next":
      return "anniversary";
    case "in":
    case "not_in":
      return field.type === "select" ? "options" : "tags";
    case "has_any":
    case "has_all":
    case "has_none":
      return field.type === "multiselect" ? "options" : "tags";
  }
  switch (field.type) {
    case "select":
      return "option";
    case "number":
      return "number";
    case "money":
      return "money";
    case "date":
    case "datetime":
      return "date";
    default:
      return "text";
  }
}

/** The value an operator starts with when chosen (undefined: the user must fill it in). */
export function initialValue(kind: ValueKind): unknown {
  switch (kind) {
    case "relative":
      return { amount: 30, unit: "day" };
    case "anniversary":
      return { amount: 7, unit: "day" };
    case "options":
    case "tags":
      return [];
    default:
      return undefined;
  }
}

/** The operator a newly picked field starts with: the first the builder lists for its type. */
export function initialOperator(field: FieldDefinition): string {
  const preferred: Partial<Record<FieldType, string>> = { select: "in", multiselect: "has_any", tags: "has_any", datetime: "in_last", boolean: "is_true", text: "eq" };
  return preferred[field.type] ?? fieldOperators(field)[0].key;
}

/** Comparisons of orders and event counts in plain words. */
export const COMPARISON_LABELS: Readonly<Record<Comparison, string>> = {
  eq: "exactly",
  neq: "not exactly",
  lt: "fewer than",
  lte: "at most",
  gt: "more than",
  gte: "at least",
  between: "between",
};

/** Comparisons of amounts of money in plain words. */
export const AMOUNT_COMPARISON_LABELS: Readonly<Record<Comparison, string>> = {
  eq: "exactly",
  neq: "not exactly",
  lt: "less than",
  lte: "at most",
  gt: "more than",
  gte: "at least",
  between: "between",
};

/** Orders measures in plain words. */
export const MEASURE_LABELS = { count: "Number of orders", sum: "Total spent", avg: "Average order value" } as const;
