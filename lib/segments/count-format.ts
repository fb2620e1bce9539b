/** Plain-text descriptions of conditions and explanations, for the command line and logs. */
import type { ExplainNode } from "./explain";
import { OPERATORS } from "./operators";
import type { ConditionNode, Window } from "./schema";

const MEASURE_OPERATORS: Readonly<Record<string, string>> = { eq: "=", neq: "≠", lt: "<", lte: "≤", gt: ">", gte: "≥", between: "between" };

function plural(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

function isRelative(value: unknown): value is { amount: number; unit: string } {
  return typeof value === "object" && value !== null && "amount" in value && "unit" in value;
}

/** A value as written in a definition, readably: lists comma-separated, strings quoted, "30 days". */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(", ");
  if (isRelative(value)) return plural(value.amount, value.unit);
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function describeWindow(window: Window | undefined): string {
  if (!window || window.type === "ever") return "ever";
  if (window.type === "last") return `in the last ${plural(window.amount, window.unit)}`;
  return `between ${window.from} and ${window.to}`;
}

function describeComparison(operator: string, value: number | [number, number]): string {
  return Array.isArray(value) ? `between ${value[0]} and ${value[1]}` : `${MEASURE_OPERATORS[operator] ?? operator} ${value}`;
}

/** One condition in words, e.g. `country is any of "PL", "DE"` or `orders count ≥ 3 in the last 90 days`. */
export function describeCondition(node: ConditionNode | ExplainNode["node"]): string {
  switch (node.type) {
    case "group": {
      const words = node.combinator === "and" ? (node.negate ? "not all of" : "all of") : node.negate ? "none of" : "any of";
      return `${words} (${node.combinator.toUpperCase()}${node.negate ? ", negated" : ""})`;
    }
    case "field": {
      const label = OPERATORS.find((op) => op.key === node.operator)?.label ?? node.operator;
      if (node.value === undefined) return `${node.field} ${label}`;
      if (label.includes("…")) return `${node.field} ${label.replace("…", describeValue(node.value))}`;
      if (node.operator === "between" && Array.isArray(node.value)) return `${node.field} ${label} ${describeValue(node.value[0])} and ${describeValue(node.value[1])}`;
      return `${node.field} ${label} ${describeValue(node.value)}`;
    }
    case "orders": {
      const filters = [
        node.filter?.categories ? `categories ${node.filter.categories.join(", ")}` : "",
        `status ${(node.filter?.status ?? ["paid"]).join(", ")}`,
      ].filter(Boolean);
      return `orders ${node.measure} ${describeComparison(node.operator, node.value)} ${describeWindow(node.window)} (${filters.join("; ")})`;
    }
    case "event": {
      const where = (node.where ?? []).map((f) => `${f.property} ${MEASURE_OPERATORS[f.operator] ?? f.operator} ${describeValue(f.value)}`);
      return `event "${node.name}" count ${describeComparison(node.operator, node.value)} ${describeWindow(node.window)}${where.length > 0 ? ` where ${where.join(" and ")}` : ""}`;
    }
    case "segment":
      return `${node.operator === "in" ? "in" : "not in"} segment ${node.segmentId}`;
    case "rfm":
      return `RFM segment ${node.operator === "in" ? "is any of" : "is none of"} ${node.value.map((v) => JSON.stringify(v)).join(", ")}`;
  }
}

function measuredText(node: ExplainNode): string {
  if (node.node.type === "rfm") return node.measured ? ` — RFM segment ${node.measured}` : " — no RFM segment (no paid order)";
  if (node.measured !== undefined) return ` — measured ${node.measured === null ? "nothing (no orders to average)" : node.measured}`;
  if (node.actual !== undefined) return ` — value ${node.actual === null ? "empty" : describeValue(node.actual)}`;
  return "";
}

/** An explanation as indented lines: ✓ or ✗, the condition, and what was measured. */
export function formatExplanation(node: ExplainNode, depth = 0): string[] {
  const line = `${"  ".repeat(depth)}${node.result ? "✓" : "✗"} ${describeCondition(node.node)}${measuredText(node)}`;
  return [line, ...(node.children ?? []).flatMap((child) => formatExplanation(child, depth + 1))];
}
