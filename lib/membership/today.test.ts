import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import type { SegmentDefinition } from "@/lib/segments/schema";
import { dependsOnToday, nowSources } from "./today";

const catalog = buildCatalog([{ key: "renewal", label: "Renewal", type: "date" }]);
const def = (...children: unknown[]) => ({ version: 1, root: { type: "group", combinator: "and", negate: false, children } }) as unknown as SegmentDefinition;
const field = (f: string, operator: string, value?: unknown) => ({ type: "field", field: f, operator, ...(value === undefined ? {} : { value }) });

describe("dependsOnToday", () => {
  it("is false for definitions that only read stored values", () => {
    expect(dependsOnToday(def(field("country", "in", ["PL"]), field("lastSeenAt", "gte", "2026-01-01")))).toBe(false);
    expect(dependsOnToday(def(field("age", "is_empty")))).toBe(false);
    expect(dependsOnToday(def({ type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "between", from: "2026-01-01", to: "2026-02-01" } }))).toBe(false);
    expect(dependsOnToday(def({ type: "rfm", operator: "in", value: ["Champions"] }))).toBe(false);
  });
  it("is true for relative dates, age, anniversaries and last-N windows, nested or through a referenced segment", () => {
    expect(dependsOnToday(def(field("custom.renewal", "in_next", { amount: 7, unit: "day" })))).toBe(true);
    expect(dependsOnToday(def(field("age", "gte", 18)))).toBe(true);
    expect(dependsOnToday(def(field("birthDate", "anniversary_in_next", { amount: 7, unit: "day" })))).toBe(true);
    expect(dependsOnToday(def({ type: "group", combinator: "or", negate: true, children: [{ type: "event", name: "x", operator: "gte", value: 1, window: { type: "last", amount: 7, unit: "day" } }] }))).toBe(true);
    const referenced = def(field("lastSeenAt", "more_than_ago", { amount: 1, unit: "month" }));
    const lookup = (id: string) => (id === "00000000-0000-4000-8000-000000000001" ? referenced : undefined);
    expect(dependsOnToday(def({ type: "segment", segmentId: "00000000-0000-4000-8000-000000000001", operator: "not_in" }), lookup)).toBe(true);
    expect(dependsOnToday(def({ type: "segment", segmentId: "00000000-0000-4000-8000-000000000001", operator: "in" }))).toBe(false);
  });
});

describe("nowSources", () => {
  it("lists what compares with now itself: datetime in_last / in_next, last-N order and event windows", () => {
    expect(nowSources(def(field("custom.renewal", "in_next", { amount: 7, unit: "day" }), field("lastSeenAt", "more_than_ago", { amount: 3, unit: "day" })), catalog)).toBeNull();
    expect(
      nowSources(
        def(
          field("lastSeenAt", "in_last", { amount: 3, unit: "day" }),
          { type: "orders", measure: "sum", operator: "gt", value: 10, window: { type: "last", amount: 1, unit: "month" } },
          { type: "event", name: "cart_abandoned", operator: "gte", value: 1, window: { type: "last", amount: 7, unit: "day" } },
        ),
        catalog,
      ),
    ).toEqual({ fields: ["lastSeenAt"], orders: true, events: ["cart_abandoned"] });
  });
});
