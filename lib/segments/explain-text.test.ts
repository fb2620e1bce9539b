import { describe, expect, it } from "vitest";
import { buildCatalog, findField } from "@/lib/fields/catalog";
import type { ExplainNode } from "./explain";
import { conditionText, explainLines, formatFieldValue, groupHeading, measuredWords, windowWords } from "./explain-text";

const catalog = buildCatalog([{ key: "interests", label: "Interests", type: "multiselect", options: [{ key: "toys_games", label: "Toys & games" }] }, { key: "vip", label: "VIP", type: "boolean" }]);
const warsaw = { timeZone: "Europe/Warsaw", segmentNames: new Map([["s1", "VIPs"]]) };
const field = (key: string) => findField(catalog, key);

describe("formatFieldValue", () => {
  it("shows instants in the workspace zone as the profile does, never as ISO UTC", () => {
    // 23:08 UTC on 25 Nov is 00:08 on 26 Nov in Warsaw.
    expect(formatFieldValue(field("lastOrderAt"), "2026-11-25T23:08:48.703Z", warsaw)).toBe("26 Nov 2026, 00:08");
    expect(formatFieldValue(field("lastOrderAt"), Date.parse("2026-11-25T23:08:48.703Z"), { timeZone: "UTC" })).toBe("25 Nov 2026, 23:08");
    expect(formatFieldValue(field("signedUpAt"), "2026-03-01", warsaw)).toBe("1 Mar 2026");
    expect(formatFieldValue(field("birthDate"), "1990-05-31", warsaw)).toBe("31 May 1990");
  });

  it("formats money with its currency and thousands separators", () => {
    expect(formatFieldValue(field("totalSpent"), "17380.68", warsaw)).toBe("$17,380.68");
    expect(formatFieldValue(field("income"), 54700, { ...warsaw, currency: "EUR" })).toBe("€54,700.00");
  });

  it("shows labels instead of codes", () => {
    expect(formatFieldValue(field("country"), "PL", warsaw)).toBe("Poland (PL)");
    expect(formatFieldValue(field("country"), ["PL", "DE"], warsaw)).toBe("Poland (PL), Germany (DE)");
    expect(formatFieldValue(field("gender"), "female", warsaw)).toBe("Female");
    expect(formatFieldValue(field("lifecycleStage"), ["lead", "churned"], warsaw)).toBe("Lead, Churned");
    expect(formatFieldValue(field("custom.interests"), ["toys_games"], warsaw)).toBe("Toys & games");
    expect(formatFieldValue(field("language"), "pl", warsaw)).toBe("Polish (pl)");
    expect(formatFieldValue(field("emailOptIn"), true, warsaw)).toBe("Yes");
    expect(formatFieldValue(field("emailOptIn"), null, warsaw)).toBe("Never asked");
    expect(formatFieldValue(field("custom.vip"), null, warsaw)).toBe("not set");
    expect(formatFieldValue(field("age"), 34, warsaw)).toBe("34");
    expect(formatFieldValue(field("ordersCount"), 12345, warsaw)).toBe("12,345");
  });

  it("says not set for empty values", () => {
    expect(formatFieldValue(field("city"), null, warsaw)).toBe("not set");
    expect(formatFieldValue(field("tags"), [], warsaw)).toBe("not set");
  });
});

describe("conditions and groups in words", () => {
  it("describes groups by what must hold", () => {
    expect(groupHeading("and", false)).toBe("All of:");
    expect(groupHeading("or", false)).toBe("Any of:");
    expect(groupHeading("or", true)).toBe("None of:");
    expect(groupHeading("and", true)).toBe("Not all of:");
  });

  it("formats the values written in conditions", () => {
    expect(conditionText({ type: "field", field: "country", operator: "in", value: ["PL"] }, catalog, warsaw)).toBe("Country is any of Poland (PL)");
    expect(conditionText({ type: "field", field: "totalSpent", operator: "gte", value: 1000 }, catalog, warsaw)).toMatch(/^Total spent .* \$1,000\.00$/);
    expect(conditionText({ type: "field", field: "signedUpAt", operator: "between", value: ["2026-01-01", "2026-03-31"] }, catalog, warsaw)).toBe("Signed up is between 1 Jan 2026 and 31 Mar 2026");
    expect(conditionText({ type: "orders", measure: "sum", operator: "gt", value: 250.5, window: { type: "last", amount: 90, unit: "day" } }, catalog, warsaw)).toBe("Total spent more than $250.50 in the last 90 days");
    expect(conditionText({ type: "orders", measure: "count", operator: "gte", value: 3, filter: { categories: ["toys_games"] } }, catalog, warsaw)).toBe("Number of orders at least 3 ever (with an item in Toys & Games)");
    expect(conditionText({ type: "event", name: "cart_abandoned", operator: "gte", value: 2 }, catalog, warsaw)).toBe("Cart abandoned at least 2 times ever");
    expect(conditionText({ type: "segment", segmentId: "s1", operator: "not_in" }, catalog, warsaw)).toBe('Not in the segment "VIPs"');
    expect(conditionText({ type: "rfm", operator: "in", value: ["Champions", "At Risk"] }, catalog, warsaw)).toBe("RFM segment is any of Champions, At Risk");
    expect(windowWords({ type: "between", from: "2026-01-01", to: "2026-01-31" })).toBe("between 1 Jan 2026 and 31 Jan 2026");
  });

  it("says what the customer has, per condition", () => {
    const orders: ExplainNode = { path: "root.children[1]", node: { type: "orders", measure: "avg", operator: "gt", value: 10 }, result: true, measured: "17380.68" };
    expect(measuredWords(orders, catalog, warsaw)).toBe("$17,380.68");
    expect(measuredWords({ ...orders, node: { type: "orders", measure: "count", operator: "gt", value: 1 }, measured: 1 }, catalog, warsaw)).toBe("1 order");
    expect(measuredWords({ ...orders, measured: null }, catalog, warsaw)).toBe("no orders in the period");
    expect(measuredWords({ path: "root", node: { type: "event", name: "email_opened", operator: "gte", value: 1 }, result: false, measured: 0 }, catalog, warsaw)).toBe("0 times");
    expect(conditionText({ type: "event", name: "email_opened", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } }, catalog, warsaw)).toBe("Email opened at least 1 time in the last 30 days");
    const rfm: ExplainNode = { path: "root", node: { type: "rfm", operator: "in", value: ["Lost"] }, result: false, measured: "Champions (R 5, F 5, M 5)" };
    expect(measuredWords(rfm, catalog, warsaw)).toBe("Champions (R 5 · F 5 · M 5)");
    expect(measuredWords({ ...rfm, measured: null }, catalog, warsaw)).toBe("no paid order, so no RFM segment");
  });

  it("turns a whole explanation into lines, results kept per condition", () => {
    const tree: ExplainNode = {
      path: "root", node: { type: "group", combinator: "or", negate: true }, result: false,
      children: [
        { path: "root.children[0]", node: { type: "field", field: "lastOrderAt", operator: "in_last", value: { amount: 30, unit: "day" } }, result: true, actual: "2026-11-25T23:08:48.703Z" },
        { path: "root.children[1]", node: { type: "field", field: "country", operator: "eq", value: "DE" }, result: false, actual: "PL" },
      ],
    };
    const lines = explainLines(tree, catalog, warsaw);
    expect(lines).toMatchObject({ text: "None of:", result: false, detail: "" });
    expect(lines.children.map((c) => [c.text, c.detail, c.result])).toEqual([
      ["Last order is in the last 30 days", "26 Nov 2026, 00:08", true],
      ["Country is Germany (DE)", "Poland (PL)", false],
    ]);
  });
});
