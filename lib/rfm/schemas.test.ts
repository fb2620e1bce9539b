import { describe, expect, it } from "vitest";
import { DEFAULT_RFM_RULES, PACKAGE_TEST_RFM_RULES } from "./rules";
import { rfmRuleSetSchema, rulesFromSettings, ruleSetFieldErrors } from "./schemas";

const errorsOf = (input: unknown) => {
  const parsed = rfmRuleSetSchema.safeParse(input);
  if (parsed.success) throw new Error("expected an invalid rule set");
  return ruleSetFieldErrors(parsed.error);
};

describe("rule set schema", () => {
  it("accepts both package rule sets", () => {
    expect(rfmRuleSetSchema.parse(DEFAULT_RFM_RULES)).toEqual(DEFAULT_RFM_RULES);
    expect(rfmRuleSetSchema.parse(PACKAGE_TEST_RFM_RULES)).toEqual(PACKAGE_TEST_RFM_RULES);
  });

  it("names the field of each problem", () => {
    const ok = { name: "A", recency: [1, 5], frequency: [1, 5], monetary: [1, 5] };
    expect(errorsOf([{ ...ok, recency: [4, 2] }])).toEqual({ "rules.0.recency": "the low score must not be above the high score" });
    expect(errorsOf([ok, { ...ok, name: "B", monetary: [0, 6] }])).toEqual({ "rules.1.monetary": "a score must be from 1 to 5" });
    expect(errorsOf([ok, { ...ok, name: "B", frequency: [1.5, 2] }])).toEqual({ "rules.1.frequency": "a score must be a whole number from 1 to 5" });
    expect(errorsOf([{ ...ok, name: "  " }])).toEqual({ "rules.0.name": "a segment needs a name" });
    expect(errorsOf([{ ...ok, name: "others" }])).toEqual({ "rules.0.name": '"Others" is reserved for customers that match no rule' });
    expect(errorsOf([ok, { ...ok, name: "a" }])).toEqual({ "rules.1.name": '"a" is the same name as segment 1 ("A")' });
    expect(errorsOf([])).toEqual({ rules: "keep at least one segment rule" });
  });
});

describe("rules from settings", () => {
  it("default to the package's current rule set", () => {
    expect(rulesFromSettings({})).toEqual(DEFAULT_RFM_RULES);
    expect(rulesFromSettings({ somethingElse: 1 })).toEqual(DEFAULT_RFM_RULES);
  });

  it("read a stored rule set and reject a broken one clearly", () => {
    expect(rulesFromSettings({ rfm: { rules: PACKAGE_TEST_RFM_RULES } })).toEqual(PACKAGE_TEST_RFM_RULES);
    expect(() => rulesFromSettings({ rfm: { rules: [{ name: "X" }] } })).toThrow(/stored RFM rules are invalid \(rfm\.rules\.0\.recency/);
  });
});
