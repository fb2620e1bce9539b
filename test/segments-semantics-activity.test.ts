/** Orders, events, segment references, fail-closed compilation and workspace scoping, pinned on a real database. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { compileDefinition, compileGroup } from "@/lib/segments/compile";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { evaluateDefinition } from "@/lib/segments/evaluate";
import { setupTestDb, teardownTestDb } from "./support/db";
import { TEST_CATALOG, createWorkspace, customer, insertCustomers, only, scenario, sqlMembers, where, type Scenario } from "./segments-support";

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

const now = new Date("2024-03-15T12:00:00Z");
const at = (s: string) => new Date(s);
const orders = (measure: string, operator: string, value: unknown, extra: object = {}) => ({ type: "orders", measure, operator, value, ...extra });
const last30 = { window: { type: "last", amount: 30, unit: "day" } };

describe("orders", () => {
  let s: Scenario;
  beforeAll(async () => {
    const item = (category: string, quantity: number, unitPrice: string) => ({ category, quantity, unitPrice });
    s = await scenario(db.sql, {
      none: customer({}),
      pendingOnly: customer({ orders: [{ placedAt: at("2024-03-01T10:00:00Z"), total: "50.00", status: "pending" }] }),
      one: customer({ orders: [{ placedAt: at("2024-03-01T00:00:00Z"), total: "20.00", items: [item("books", 2, "7.50"), item("toys", 1, "5.00")] }] }),
      two: customer({ orders: [
        { placedAt: at("2024-02-01T00:00:00Z"), total: "10.00", items: [item("toys", 1, "10.00")] },
        { placedAt: at("2024-03-10T23:59:59.999Z"), total: "30.00", items: [item("books", 1, "30.00")] },
        { placedAt: at("2024-03-12T00:00:00Z"), total: "99.00", status: "refunded", items: [item("books", 1, "99.00")] },
      ] }),
      old: customer({ orders: [
        { placedAt: at("2023-01-01T00:00:00Z"), total: "100.00", items: [item("books", 4, "25.00")] },
        { placedAt: at("2024-03-15T12:00:00.001Z"), total: "5.00" },
      ] }),
      edges: customer({ orders: [
        { placedAt: at("2024-02-29T23:59:59.999Z"), total: "1.00", status: "cancelled" },
        { placedAt: at("2024-03-11T00:00:00.000Z"), total: "1.00", status: "cancelled" },
      ] }),
    }, { now, timeZone: "UTC" });
  });

  test("count: paid orders only by default; a customer without orders counts 0", async () => {
    await s.check(only(orders("count", "gte", 1)), ["one", "two", "old"]);
    await s.check(only(orders("count", "eq", 0)), ["none", "pendingOnly", "edges"]);
    await s.check(only(orders("count", "lt", 2)), ["none", "pendingOnly", "one", "edges"]);
    await s.check(only(orders("count", "eq", 2)), ["two", "old"]);
    await s.check(only(orders("count", "gte", 1, { filter: { status: ["refunded"] } })), ["two"]);
    await s.check(only(orders("count", "eq", 3, { filter: { status: ["paid", "refunded"] } })), ["two"]);
  });

  test("windows: the last N days up to now; between covers whole days, both ends", async () => {
    await s.check(only(orders("count", "gte", 1, last30)), ["one", "two"]);
    await s.check(only(orders("count", "eq", 0, last30)), ["none", "pendingOnly", "old", "edges"]);
    await s.check(only(orders("count", "eq", 1, last30)), ["one", "two"]);
    await s.check(only(orders("count", "lt", 2, last30)), ["none", "pendingOnly", "one", "two", "old", "edges"]);
    await s.check(only(orders("count", "gte", 1, { ...last30, filter: { status: ["paid", "pending"] } })), ["pendingOnly", "one", "two"]);
    const march1to10 = { window: { type: "between", from: "2024-03-01", to: "2024-03-10" } };
    await s.check(only(orders("count", "gte", 1, march1to10)), ["one", "two"]);
    await s.check(only(orders("count", "gte", 1, { ...march1to10, filter: { status: ["cancelled"] } })), []);
  });

  test("sum: 0 without counted orders", async () => {
    await s.check(only(orders("sum", "lt", 10)), ["none", "pendingOnly", "edges"]);
    await s.check(only(orders("sum", "eq", 0)), ["none", "pendingOnly", "edges"]);
    await s.check(only(orders("sum", "gte", 40)), ["two", "old"]);
    await s.check(only(orders("sum", "between", [20, 40])), ["one", "two"]);
    await s.check(only(orders("sum", "gt", 25, last30)), ["two"]);
    await s.check(only(orders("sum", "lt", 25, last30)), ["none", "pendingOnly", "one", "old", "edges"]);
  });

  test("avg: empty without counted orders, and then no comparison holds (not even neq)", async () => {
    await s.check(only(orders("avg", "eq", 20)), ["one", "two"]);
    await s.check(only(orders("avg", "neq", 20)), ["old"]);
    await s.check(only(orders("avg", "lt", 100)), ["one", "two", "old"]);
    await s.check(only(orders("avg", "gt", 52.49)), ["old"]);
    await s.check(only(orders("avg", "between", [52.5, 52.5])), ["old"]);
    await s.check(only(orders("avg", "gte", 25, last30)), ["two"]);
    await s.check(only(orders("avg", "neq", 20, last30)), ["two"]);
  });

  test("categories: an order counts with an item in them, and its amount is those items", async () => {
    const books = { filter: { categories: ["books"] } };
    await s.check(only(orders("count", "gte", 1, books)), ["one", "two", "old"]);
    await s.check(only(orders("sum", "gte", 30, books)), ["two", "old"]);
    await s.check(only(orders("sum", "lt", 20, books)), ["none", "pendingOnly", "one", "edges"]);
    await s.check(only(orders("count", "eq", 0, { ...books, ...last30 })), ["none", "pendingOnly", "old", "edges"]);
    await s.check(only(orders("avg", "eq", 20, { filter: { categories: ["books", "toys"] } })), ["one", "two"]);
  });
});

describe("events", () => {
  let s: Scenario;
  beforeAll(async () => {
    const cart = (occurredAt: string, properties: Record<string, unknown> = {}) => ({ name: "cart_abandoned", occurredAt: at(occurredAt), properties });
    s = await scenario(db.sql, {
      e1: customer({ events: [cart("2024-03-10T10:00:00Z", { category: "Books", value: 12.5, gift: true }), cart("2024-03-12T10:00:00Z", { category: "toys", value: 3 })] }),
      e2: customer({ events: [cart("2024-01-01T10:00:00Z", { category: "books" }), { name: "email_opened", occurredAt: at("2024-03-14T10:00:00Z") }] }),
      e3: customer({ events: [cart("2024-03-14T10:00:00Z", { value: "12.5", category: null })] }),
      e4: customer({}),
    }, { now, timeZone: "Europe/Warsaw" });
  });
  const event = (operator: string, value: unknown, extra: object = {}) => ({ type: "event", name: "cart_abandoned", operator, value, ...extra });
  const last7 = { window: { type: "last", amount: 7, unit: "day" } };
  const filter = (property: string, operator: string, value: unknown) => ({ where: [{ property, operator, value }] });

  test("counts in a window, and \"has not done\"", async () => {
    await s.check(only(event("gte", 1, last7)), ["e1", "e3"]);
    await s.check(only(event("eq", 0, last7)), ["e2", "e4"]);
    await s.check(only(event("gte", 2)), ["e1"]);
    await s.check(only(event("between", [1, 1])), ["e2", "e3"]);
    await s.check(only({ type: "event", name: "email_opened", operator: "eq", value: 0, window: { type: "last", amount: 30, unit: "day" } }), ["e1", "e3", "e4"]);
    await s.check(only({ type: "event", name: "Cart_Abandoned", operator: "gte", value: 1 }), []);
  });

  test("property filters compare by JSON type; a missing or null property is false", async () => {
    await s.check(only(event("gte", 1, filter("category", "eq", "books"))), ["e1", "e2"]);
    await s.check(only(event("gte", 1, filter("value", "gt", 10))), ["e1"]);
    await s.check(only(event("gte", 1, filter("value", "eq", 12.5))), ["e1"]);
    await s.check(only(event("gte", 1, filter("value", "eq", "12.5"))), ["e3"]);
    await s.check(only(event("gte", 1, filter("category", "neq", "books"))), ["e1"]);
    await s.check(only(event("eq", 0, filter("category", "neq", "books"))), ["e2", "e3", "e4"]);
    await s.check(only(event("gte", 1, filter("gift", "eq", true))), ["e1"]);
    await s.check(only(event("gte", 1, filter("category", "contains", "OO"))), ["e1", "e2"]);
    await s.check(only(event("gte", 1, { where: [{ property: "category", operator: "eq", value: "books" }, { property: "value", operator: "lte", value: 12.5 }] })), ["e1"]);
  });
});

describe("segment references and negation", () => {
  const S1 = "00000000-0000-4000-8000-000000000001";
  const S2 = "00000000-0000-4000-8000-000000000002";
  const S3 = "00000000-0000-4000-8000-000000000003";
  const ref = (segmentId: string, operator = "in") => ({ type: "segment", segmentId, operator });
  const stored: Record<string, unknown> = {
    [S1]: only(where("city", "eq", "Paris")),
    [S2]: { version: 1, root: { type: "group", combinator: "or", children: [ref(S1), where("country", "eq", "DE")] } },
    [S3]: { version: 1, root: { type: "group", combinator: "and", negate: true, children: [ref(S2)] } },
  };

  test("references compile inline; in, not_in and nested references", async () => {
    const s = await scenario(db.sql, {
      p1: customer({ city: "Paris" }), p2: customer({ country: "DE" }), p3: customer({}),
    }, { now, timeZone: "UTC", resolveSegment: (id) => stored[id] });
    await s.check(only(ref(S1)), ["p1"]);
    await s.check(only(ref(S1, "not_in")), ["p2", "p3"]);
    await s.check(only(ref(S2)), ["p1", "p2"]);
    await s.check(only(ref(S3)), ["p3"]);
    await s.check(only(ref(S3, "not_in")), ["p1", "p2"]);
    await s.check({ version: 1, root: { type: "group", combinator: "or", negate: true, children: [ref(S1), where("country", "eq", "de")] } }, ["p3"]);
  });
});

describe("failing closed", () => {
  const options = { now, timeZone: "UTC", workspaceId: "00000000-0000-4000-8000-000000000000" };

  test.each([
    ["an empty group", { version: 1, root: { type: "group", combinator: "and", children: [] } }],
    ["nothing", undefined],
    ["an empty object", {}],
    ["an unknown field", only(where("nope", "eq", "x"))],
    ["an RFM condition without RFM scoring", only({ type: "rfm", operator: "in", value: ["Champions"] })],
    ["an unknown segment", only({ type: "segment", segmentId: "00000000-0000-4000-8000-0000000000ff", operator: "in" })],
  ])("%s is an error, never everyone", (_name, definition) => {
    expect(() => compileDefinition(definition, TEST_CATALOG, options)).toThrow(InvalidDefinitionError);
    expect(() => evaluateDefinition(definition, TEST_CATALOG, customer({}), options)).toThrow(InvalidDefinitionError);
  });

  test("an empty group reaching the compiler directly throws too", () => {
    expect(() => compileGroup({ type: "group", combinator: "or", negate: false, children: [] }, {} as never, new Map())).toThrow(InvalidDefinitionError);
  });

  test("the error names the node", () => {
    expect(() => compileDefinition(only(where("city", "eq", 5)), TEST_CATALOG, options)).toThrow("Invalid segment definition: root.children[0].value: must be a string");
  });
});

test("sub-queries never see another workspace's orders and events", async () => {
  const shared = customer({ orders: [{ placedAt: at("2024-03-10T00:00:00Z") }], events: [{ name: "cart_abandoned", occurredAt: at("2024-03-10T00:00:00Z") }] });
  const twin = { customer: shared.customer, orders: [], events: [] };
  const other = await createWorkspace(db.sql);
  await insertCustomers(db.sql, other, [shared]);
  const s = await scenario(db.sql, { twin }, { now, timeZone: "UTC" });
  await s.check(only(orders("count", "gte", 1, last30)), []);
  await s.check(only(orders("count", "eq", 1, last30)), []);
  await s.check(only(orders("count", "eq", 0, last30)), ["twin"]);
  await s.check(only(orders("count", "lt", 2, { filter: { status: ["paid", "pending"] } })), ["twin"]);
  await s.check(only({ type: "event", name: "cart_abandoned", operator: "gte", value: 1 }), []);
  await s.check(only({ type: "event", name: "cart_abandoned", operator: "eq", value: 1 }), []);
  const mine = await sqlMembers(db.sql, only(orders("count", "eq", 1, last30)), TEST_CATALOG, { now, timeZone: "UTC", workspaceId: other });
  expect(mine).toEqual([shared.customer.id]);
});
