import { describe, expect, it } from "vitest";
import type { RfmRule } from "./rules";
import { describeRfmRule, rfmRulesDiff } from "./rules-diff";

const rule = (name: string, r: [number, number], description?: string): RfmRule => ({ name, description, recency: r, frequency: [1, 5], monetary: [2, 2] });

describe("rfmRulesDiff", () => {
  it("names added, removed and changed rules and a new order", () => {
    const before = [rule("A", [1, 5]), rule("B", [2, 3]), rule("C", [4, 5])];
    const after = [rule("C", [4, 5]), rule("B", [3, 3], "Now described"), rule("D", [1, 1])];
    expect(rfmRulesDiff(before, after)).toEqual({
      added: ["D"],
      removed: ["A"],
      changed: [{ name: "B", from: "R 2–3 · F 1–5 · M 2", to: "R 3 · F 1–5 · M 2 — Now described" }],
      reordered: true,
    });
  });

  it("reports nothing for the same set", () => {
    const set = [rule("A", [1, 5]), rule("B", [2, 3])];
    expect(rfmRulesDiff(set, set.map((r) => ({ ...r })))).toEqual({ added: [], removed: [], changed: [], reordered: false });
  });

  it("describes a rule's ranges", () => {
    expect(describeRfmRule(rule("A", [5, 5]))).toBe("R 5 · F 1–5 · M 2");
  });
});
