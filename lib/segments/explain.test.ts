import { expect, test } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import type { CustomerRecord } from "./record";
import { evaluateDefinition } from "./evaluate";
import { explainDefinition } from "./explain";

const catalog = buildCatalog([{ key: "interests", label: "Interests", type: "multiselect", options: [{ key: "coffee", label: "Coffee" }] }]);
const S = "00000000-0000-4000-8000-000000000001";
const options = { now: new Date("2024-03-15T12:00:00Z"), timeZone: "UTC", resolveSegment: (id: string) => (id === S ? { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "country", operator: "eq", value: "pl" }] } } : undefined) };

const record: CustomerRecord = {
  customer: {
    id: "c1", email: "anna@example.com", firstName: "Anna", lastName: null, phone: null, birthDate: "1990-01-01", gender: "female",
    country: "PL", city: null, region: null, language: null, company: null, jobTitle: null, industry: null, companySize: null,
    income: null, maritalStatus: null, education: null, lifecycleStage: "customer", tags: [], emailOptIn: true, source: null,
    signedUpAt: new Date("2024-03-01T08:00:00Z"), lastSeenAt: null, createdAt: new Date("2024-01-01T00:00:00Z"), ordersCount: 2,
    totalSpent: "30.00", averageOrderValue: "15.00", firstOrderAt: null, lastOrderAt: null, attributes: { interests: ["coffee"] },
  },
  orders: [
    { id: "o1", placedAt: new Date("2024-03-01T00:00:00Z"), total: "10.00", status: "paid", items: [] },
    { id: "o2", placedAt: new Date("2024-03-02T00:00:00Z"), total: "20.00", status: "paid", items: [] },
    { id: "o3", placedAt: new Date("2024-03-03T00:00:00Z"), total: "99.00", status: "refunded", items: [] },
  ],
  events: [{ name: "cart_abandoned", occurredAt: new Date("2024-03-14T00:00:00Z"), properties: {} }],
};

const definition = {
  version: 1,
  root: {
    type: "group", combinator: "and", children: [
      { type: "field", field: "signedUpAt", operator: "in_last", value: { amount: 30, unit: "day" } },
      { type: "orders", measure: "avg", operator: "gt", value: 14.99 },
      { type: "group", combinator: "or", negate: true, children: [
        { type: "event", name: "cart_abandoned", operator: "gte", value: 2 },
        { type: "segment", segmentId: S, operator: "not_in" },
      ] },
    ],
  },
};

test("explain gives each node's result, the field values and the measures", () => {
  const explained = explainDefinition(definition, catalog, record, options);
  expect(explained.result).toBe(true);
  expect(explained.node).toEqual({ type: "group", combinator: "and", negate: false });
  const [field, orders, group] = explained.children!;
  expect(field).toMatchObject({ path: "root.children[0]", result: true, actual: "2024-03-01T08:00:00.000Z" });
  expect(orders).toMatchObject({ path: "root.children[1]", result: true, measured: "15.00" });
  expect(group).toMatchObject({ path: "root.children[2]", result: true });
  const [event, segment] = group.children!;
  expect(event).toMatchObject({ path: "root.children[2].children[0]", result: false, measured: 1 });
  expect(segment).toMatchObject({ path: "root.children[2].children[1]", result: false });
  expect(segment.children![0]).toMatchObject({ path: "root", result: true });
  expect(segment.children![0].children![0]).toMatchObject({ result: true, actual: "PL" });
});

test("explain and evaluate agree", () => {
  expect(evaluateDefinition(definition, catalog, record, options)).toBe(true);
  const empty = { ...record, orders: [] };
  expect(explainDefinition(definition, catalog, empty, options).children![1]).toMatchObject({ result: false, measured: null });
  expect(evaluateDefinition(definition, catalog, empty, options)).toBe(false);
});
