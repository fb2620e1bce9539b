import { describe, expect, test } from "vitest";
import { describeCondition, describeValue, formatExplanation } from "./count-format";
import type { ExplainNode } from "./explain";
import type { ConditionNode } from "./schema";

describe("describeCondition", () => {
  test("says each kind of node in words", () => {
    const cases: [unknown, string][] = [
      [{ type: "field", field: "country", operator: "in", value: ["PL", "DE"] }, 'country is any of "PL", "DE"'],
      [{ type: "field", field: "signedUpAt", operator: "more_than_ago", value: { amount: 1, unit: "month" } }, "signedUpAt more than 1 month ago"],
      [{ type: "field", field: "emailOptIn", operator: "is_true" }, "emailOptIn is true"],
      [{ type: "field", field: "age", operator: "between", value: [25, 40] }, "age is between 25 and 40"],
      [{ type: "orders", measure: "sum", operator: "gte", value: 100, window: { type: "last", amount: 90, unit: "day" }, filter: { categories: ["books"] } },
        "orders sum ≥ 100 in the last 90 days (categories books; status paid)"],
      [{ type: "orders", measure: "count", operator: "between", value: [1, 3], window: { type: "between", from: "2024-01-01", to: "2024-01-31" } },
        "orders count between 1 and 3 between 2024-01-01 and 2024-01-31 (status paid)"],
      [{ type: "event", name: "cart_abandoned", operator: "eq", value: 0, where: [{ property: "value", operator: "gt", value: 50 }] },
        'event "cart_abandoned" count = 0 ever where value > 50'],
      [{ type: "segment", segmentId: "3f9c2b1e-0000-4000-8000-000000000000", operator: "not_in" }, "not in segment 3f9c2b1e-0000-4000-8000-000000000000"],
      [{ type: "group", combinator: "or", negate: true, children: [] }, "none of (OR, negated)"],
      [{ type: "group", combinator: "and", negate: true, children: [] }, "not all of (AND, negated)"],
    ];
    for (const [node, text] of cases) expect(describeCondition(node as ConditionNode)).toBe(text);
    expect(describeValue([1, "a", true])).toBe('1, "a", true');
  });
});

describe("formatExplanation", () => {
  test("indents children under their group, with ✓ / ✗ and what was measured", () => {
    const tree: ExplainNode = {
      path: "root", node: { type: "group", combinator: "and", negate: false }, result: false, children: [
        { path: "root.children[0]", node: { type: "field", field: "country", operator: "eq", value: "PL" }, result: true, actual: "PL" },
        { path: "root.children[1]", node: { type: "orders", measure: "avg", operator: "gt", value: 10 }, result: false, measured: null },
        { path: "root.children[2]", node: { type: "field", field: "city", operator: "is_empty" }, result: true, actual: null },
      ],
    };
    expect(formatExplanation(tree)).toEqual([
      "✗ all of (AND)",
      '  ✓ country is "PL" — value "PL"',
      "  ✗ orders avg > 10 ever (status paid) — measured nothing (no orders to average)",
      "  ✓ city is empty — value empty",
    ]);
  });
});
