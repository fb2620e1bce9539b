/**
 * "Why in / why not" in the user's terms: an explained definition (./explain) turned into lines
 * of plain words — dates and times in the workspace zone, money with its currency, option labels
 * and country names instead of codes, groups as "All of:" / "Any of:" / "None of:". Pure and
 * client-safe; the command line keeps the raw tree for its plain mode.
 */
import { formatInstant, formatLocalDate } from "@/lib/customers/display";
import { findField, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import { categoryLabel, eventLabel, valueLabelWithCode } from "@/lib/fields/value-labels";
import { formatMoney } from "@/lib/format";
import { AMOUNT_COMPARISON_LABELS, COMPARISON_LABELS, MEASURE_LABELS, operatorLabel } from "./builder-operators";
import type { ExplainNode } from "./explain";
import type { Comparison } from "./ranges";
import type { Window } from "./schema";
import { isLocalDate } from "./time";

/** How values are shown: the workspace's zone and currency, and the names of saved segments by id. */
export interface ExplainFormat {
  timeZone: string;
  currency?: string;
  segmentNames?: ReadonlyMap<string, string>;
}

/** One explained condition or group, in words. */
export interface ExplainLine {
  path: string;
  result: boolean;
  /** The condition ("Country is Poland (PL)") or the group heading ("All of:"). */
  text: string;
  /** What this customer has ("Germany (DE)", "3 orders"); empty for groups. */
  detail: string;
  children: ExplainLine[];
}

const plural = (n: number, unit: string) => `${new Intl.NumberFormat("en-US").format(n)} ${unit}${n === 1 ? "" : "s"}`;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

function dateText(value: string | number, timeZone: string): string {
  if (typeof value === "number") return formatInstant(value, timeZone);
  if (isLocalDate(value)) return formatLocalDate(value);
  if (ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value))) return formatInstant(Date.parse(value), timeZone);
  return value;
}

function numberText(value: unknown): string {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(n) : String(value);
}

function scalarText(field: FieldDefinition | undefined, value: unknown, fmt: ExplainFormat): string {
  if (value && typeof value === "object" && "amount" in value) {
    const v = value as { amount: number; unit: string };
    return plural(v.amount, v.unit);
  }
  if (!field) return String(value);
  switch (field.type) {
    case "money":
      return Number.isFinite(Number(value)) ? formatMoney(String(value), fmt.currency) : String(value);
    case "number":
      return numberText(value);
    case "date":
    case "datetime":
      return typeof value === "string" || typeof value === "number" ? dateText(value, fmt.timeZone) : String(value);
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    default:
      return typeof value === "string" ? valueLabelWithCode(field, value) : String(value);
  }
}

/**
 * THE value formatter of explanations: a field's value (or a condition's value) as the product
 * shows it elsewhere. Lists are joined with commas; an empty value is "not set" (consent: "Never asked").
 */
export function formatFieldValue(field: FieldDefinition | undefined, value: unknown, fmt: ExplainFormat): string {
  if (value === null || value === undefined || value === "") return field?.key === "emailOptIn" ? "Never asked" : "not set";
  if (Array.isArray(value)) return value.length === 0 ? "not set" : value.map((v) => scalarText(field, v, fmt)).join(", ");
  return scalarText(field, value, fmt);
}

/** A window in words, dates formatted: "in the last 90 days", "between 1 Jan 2026 and 31 Mar 2026", "ever". */
export function windowWords(window: Window | undefined): string {
  if (!window || window.type === "ever") return "ever";
  if (window.type === "last") return `in the last ${plural(window.amount, window.unit)}`;
  return `between ${formatLocalDate(window.from)} and ${formatLocalDate(window.to)}`;
}

function comparisonWords(operator: string, value: unknown, money: boolean, fmt: ExplainFormat): string {
  const labels = money ? AMOUNT_COMPARISON_LABELS : COMPARISON_LABELS;
  const show = (v: unknown) => (money ? formatMoney(String(v), fmt.currency) : numberText(v));
  const words = labels[operator as Comparison] ?? operator;
  return Array.isArray(value) ? `${words} ${show(value[0])} and ${show(value[1])}` : `${words} ${show(value)}`;
}

const PROPERTY_WORDS: Readonly<Record<string, string>> = {
  eq: "is", neq: "is not", contains: "contains", lt: "is less than", lte: "is at most", gt: "is more than", gte: "is at least",
};

/** The heading of a group: what must hold of its children. */
export function groupHeading(combinator: "and" | "or", negate: boolean): string {
  if (combinator === "and") return negate ? "Not all of:" : "All of:";
  return negate ? "None of:" : "Any of:";
}

function fieldCondition(node: Extract<ExplainNode["node"], { type: "field" }>, catalog: FieldCatalog, fmt: ExplainFormat): string {
  const field = findField(catalog, node.field);
  const label = field?.label ?? node.field;
  const op = field ? operatorLabel(node.operator, field.type, field.key) : node.operator;
  if (node.value === undefined) return `${label} ${op}`;
  if (node.operator === "between" && Array.isArray(node.value)) {
    return `${label} ${op} ${formatFieldValue(field, node.value[0], fmt)} and ${formatFieldValue(field, node.value[1], fmt)}`;
  }
  if (op.includes("…")) return `${label} ${op.replace("…", formatFieldValue(field, node.value, fmt))}`;
  return `${label} ${op} ${formatFieldValue(field, node.value, fmt)}`;
}

/** One node (without its children) as a condition in words. */
export function conditionText(node: ExplainNode["node"], catalog: FieldCatalog, fmt: ExplainFormat): string {
  switch (node.type) {
    case "group":
      return groupHeading(node.combinator, node.negate);
    case "field":
      return fieldCondition(node, catalog, fmt);
    case "orders": {
      const filters = [
        node.filter?.categories ? `with an item in ${node.filter.categories.map(categoryLabel).join(", ")}` : "",
        node.filter?.status ? `status ${node.filter.status.join(" or ")}` : "",
      ].filter(Boolean);
      return `${MEASURE_LABELS[node.measure]} ${comparisonWords(node.operator, node.value, node.measure !== "count", fmt)} ${windowWords(node.window)}${filters.length ? ` (${filters.join("; ")})` : ""}`;
    }
    case "event": {
      const where = (node.where ?? []).map((f) => `${f.property} ${PROPERTY_WORDS[f.operator] ?? f.operator} ${String(f.value)}`);
      const once = !Array.isArray(node.value) && node.value === 1;
      const times = node.operator === "eq" && node.value === 0 ? "never" : `${comparisonWords(node.operator, node.value, false, fmt)} time${once ? "" : "s"}`;
      return `${eventLabel(node.name)} ${times} ${windowWords(node.window)}${where.length ? ` where ${where.join(" and ")}` : ""}`;
    }
    case "segment":
      return `${node.operator === "in" ? "In" : "Not in"} the segment "${fmt.segmentNames?.get(node.segmentId) ?? "a deleted segment"}"`;
    case "rfm":
      return `RFM segment is ${node.operator === "in" ? "any of" : "none of"} ${node.value.join(", ")}`;
  }
}

/** What this customer has for a condition, in words (empty for groups and segment references). */
export function measuredWords(node: ExplainNode, catalog: FieldCatalog, fmt: ExplainFormat): string {
  const n = node.node;
  switch (n.type) {
    case "field":
      return formatFieldValue(findField(catalog, n.field), node.actual ?? null, fmt);
    case "orders":
      if (node.measured === null || node.measured === undefined) return "no orders in the period";
      return n.measure === "count" ? plural(Number(node.measured), "order") : formatMoney(String(node.measured), fmt.currency);
    case "event":
      return node.measured === undefined || node.measured === null ? "" : plural(Number(node.measured), "time");
    case "rfm":
      return node.measured === null || node.measured === undefined ? "no paid order, so no RFM segment" : String(node.measured).replace(/\(R (\d), F (\d), M (\d)\)/, "(R $1 · F $2 · M $3)");
    default:
      return "";
  }
}

/** The whole explanation as lines in words, children in order. */
export function explainLines(node: ExplainNode, catalog: FieldCatalog, fmt: ExplainFormat): ExplainLine {
  return {
    path: node.path,
    result: node.result,
    text: conditionText(node.node, catalog, fmt),
    detail: measuredWords(node, catalog, fmt),
    children: (node.children ?? []).map((c) => explainLines(c, catalog, fmt)),
  };
}
