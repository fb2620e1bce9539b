import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import type { ConditionNode, GroupNode } from "./schema";
import { summarizeRoot } from "./summary";
import { SEGMENT_TEMPLATES } from "./templates";

const catalog = buildCatalog([{ key: "interests", label: "Interests", type: "multiselect", options: [{ key: "travel", label: "Travel" }, { key: "home_decor", label: "Home decor" }] }]);
const root = (children: ConditionNode[], combinator: "and" | "or" = "and", negate = false): GroupNode => ({ type: "group", combinator, negate, children });
const not = (child: ConditionNode): GroupNode => root([child], "and", true);
const say = (g: GroupNode, names = new Map<string, string>()) => summarizeRoot(g, { catalog, segmentNames: names });

describe("segment summary", () => {
  it("reads the issue's example as a sentence, with country names and a NOT", () => {
    expect(say(root([
      { type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 90, unit: "day" } },
      { type: "field", field: "country", operator: "in", value: ["PL", "DE"] },
      not({ type: "event", name: "email_opened", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } }),
    ]))).toBe("Customers in Poland or Germany who placed at least 1 order in the last 90 days and who did not open an email in the last 30 days.");
  });

  it("uses option labels, money and dates in words", () => {
    expect(say(root([
      { type: "field", field: "custom.interests", operator: "has_any", value: ["travel", "home_decor"] },
      { type: "field", field: "gender", operator: "in", value: ["female"] },
      { type: "orders", measure: "sum", operator: "gte", value: 2500.5 },
      { type: "field", field: "birthDate", operator: "anniversary_in_next", value: { amount: 7, unit: "day" } },
    ]))).toBe("Customers whose interests include Travel or Home decor, whose gender is Female, who spent at least 2,500.5 and whose birthday is in the next 7 days.");
  });

  it("says any-of, nested groups, segments and RFM groups", () => {
    expect(say(root([
      { type: "rfm", operator: "in", value: ["Champions", "Loyal Customers"] },
      { type: "segment", operator: "not_in", segmentId: "s1" },
    ], "or"), new Map([["s1", "Newsletter"]]))).toBe("Customers in the RFM groups “Champions” or “Loyal Customers” or who are not in the segment “Newsletter”.");
    expect(say(root([
      { type: "field", field: "emailOptIn", operator: "is_true" },
      root([{ type: "field", field: "city", operator: "eq", value: "Oslo" }, { type: "orders", measure: "count", operator: "eq", value: 0 }], "or", true),
    ]))).toBe("Customers who accept email and not (in Oslo or who placed no orders).");
  });

  it("reads order counts and consent as verbs", () => {
    expect(say(root([
      { type: "field", field: "ordersCount", operator: "gte", value: 2 },
      { type: "field", field: "emailOptIn", operator: "is_false" },
    ]))).toBe("Customers with at least 2 orders and who declined email.");
    expect(say(root([{ type: "field", field: "emailOptIn", operator: "is_empty" }]))).toBe("Customers who were never asked about email.");
  });

  it("says when there is nothing to summarize, and summarizes every template", () => {
    expect(say(root([]))).toBe("No conditions yet: every customer would match.");
    for (const t of SEGMENT_TEMPLATES) expect(summarizeRoot(t.definition.root, { catalog })).toMatch(/^Customers .+\.$/);
  });
});
