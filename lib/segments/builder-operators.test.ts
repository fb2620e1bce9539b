import { describe, expect, it } from "vitest";
import { buildCatalog, findField } from "@/lib/fields/catalog";
import { fieldOperators, initialOperator, initialValue, operatorLabel, valueKind } from "./builder-operators";
import { describeNode } from "./describe-node";
import { checkFieldNode } from "./nodes/field";

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "coffee", label: "Coffee" }] },
  { key: "vip", label: "VIP", type: "boolean" },
]);
const get = (key: string) => findField(catalog, key)!;

describe("operators in plain words", () => {
  it("says dates in calendar words and numbers in amount words", () => {
    expect(operatorLabel("lt", "date")).toBe("is before");
    expect(operatorLabel("lt", "number")).toBe("is less than");
    expect(operatorLabel("in", "select")).toBe("is any of");
    expect(operatorLabel("has_none", "multiselect")).toBe("has none of");
  });
  it("lists each operator of a type once, and none from other types", () => {
    const keys = fieldOperators(get("country")).map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("contains");
    expect(keys).not.toContain("in_last");
    expect(fieldOperators(get("emailOptIn")).map((o) => o.key)).toEqual(["is_true", "is_false", "is_empty", "is_not_empty"]);
    // Consent names its three states; other booleans keep the generic words.
    expect(fieldOperators(get("emailOptIn")).map((o) => o.label)).toEqual(["is yes (opted in)", "is no (declined)", "was never asked", "was answered (yes or no)"]);
    expect(fieldOperators(get("custom.vip")).map((o) => o.label)).toEqual(["is true", "is false", "is empty", "is not empty"]);
  });
  it("picks the value input that fits the operator and type", () => {
    expect(valueKind(get("gender"), "in")).toBe("options");
    expect(valueKind(get("city"), "in")).toBe("tags");
    expect(valueKind(get("custom.interests"), "has_any")).toBe("options");
    expect(valueKind(get("tags"), "has_all")).toBe("tags");
    expect(valueKind(get("lastSeenAt"), "in_last")).toBe("relative");
    expect(valueKind(get("birthDate"), "anniversary_in_next")).toBe("anniversary");
    expect(valueKind(get("totalSpent"), "gte")).toBe("money");
    expect(valueKind(get("gender"), "eq")).toBe("option");
    expect(valueKind(get("emailOptIn"), "is_true")).toBe("none");
  });
  it("starts every field with an operator its type allows and a value the engine accepts or asks for", () => {
    for (const field of catalog.fields) {
      const operator = initialOperator(field);
      const value = initialValue(valueKind(field, operator));
      const issues = checkFieldNode({ type: "field", field: field.key, operator, value }, { catalog });
      expect(issues.every((i) => i.path[0] === "value"), `${field.key} ${operator}`).toBe(true);
    }
  });
});

describe("describeNode", () => {
  it("uses labels of fields and options", () => {
    expect(describeNode({ type: "field", field: "custom.interests", operator: "has_any", value: ["coffee"] }, catalog)).toBe("Interests has any of Coffee");
    expect(describeNode({ type: "field", field: "lastSeenAt", operator: "more_than_ago", value: { amount: 2, unit: "week" } }, catalog)).toBe("Last seen is more than 2 weeks ago");
    expect(describeNode({ type: "event", name: "email_opened", operator: "eq", value: 0, window: { type: "last", amount: 30, unit: "day" } }, catalog)).toBe('Event "email_opened" never in the last 30 days');
    expect(describeNode({ type: "orders", measure: "sum", operator: "between", value: [10, 20] }, catalog)).toBe("Total spent between 10 and 20 ever");
  });
});
