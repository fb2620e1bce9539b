import { describe, expect, test } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { parseDefinition, type ParseOptions } from "./schema";

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "coffee", label: "Coffee" }, { key: "tea", label: "Tea" }] },
  { key: "score", label: "Score", type: "number" },
  { key: "old", label: "Old", type: "text", archived: true },
]);

const group = (children: unknown[], extra: object = {}) => ({ type: "group", combinator: "and", children, ...extra });
const def = (...children: unknown[]) => ({ version: 1, root: group(children) });
const field = (f: string, operator: string, value?: unknown) => ({ type: "field", field: f, operator, ...(value === undefined ? {} : { value }) });
const orders = (extra: object) => ({ type: "orders", measure: "count", operator: "gte", value: 1, ...extra });
const event = (extra: object) => ({ type: "event", name: "cart_abandoned", operator: "gte", value: 1, ...extra });

function errors(input: unknown, options?: ParseOptions) {
  const result = parseDefinition(input, catalog, options);
  return result.ok ? [] : result.errors;
}

function rejects(input: unknown, path: string, message: string | RegExp, options?: ParseOptions) {
  const found = errors(input, options);
  expect(found.length, `expected a rejection at ${path}`).toBeGreaterThan(0);
  const hit = found.find((e) => e.path === path && (typeof message === "string" ? e.message === message : message.test(e.message)));
  expect(hit, `got ${JSON.stringify(found)}`).toBeDefined();
}

test("the format's example is valid", () => {
  const example = {
    version: 1,
    root: group([
      field("country", "in", ["PL", "DE"]),
      orders({ measure: "count", operator: "gte", value: 3, window: { type: "last", amount: 90, unit: "day" } }),
      group([field("custom.interests", "has_any", ["coffee"]), event({ window: { type: "last", amount: 7, unit: "day" } })], { combinator: "or", negate: true }),
    ]),
  };
  const result = parseDefinition(example, catalog);
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.definition.root.negate).toBe(false);
});

describe("structure", () => {
  test.each([
    ["not an object", "nope", "definition", 'a definition must be an object { "version": 1, "root": { … } }'],
    ["another version", { version: 2, root: group([field("email", "is_empty")]) }, "version", "version must be 1 (the only version this app reads)"],
    ["an unknown key", { ...def(field("email", "is_empty")), extra: 1 }, "definition", 'unknown key "extra"'],
    ["no root", { version: 1 }, "root", "is required"],
    ["a root that is not a group", { version: 1, root: field("email", "is_empty") }, "root.type", 'must be a group ("type": "group")'],
    ["an empty group", def(), "root.children", "a group needs at least one condition"],
    ["a nested empty group", def(group([])), "root.children[0].children", "a group needs at least one condition"],
    ["a bad combinator", { version: 1, root: { ...group([field("email", "is_empty")]), combinator: "xor" } }, "root.combinator", 'combinator must be "and" or "or"'],
    ["a bad negate", { version: 1, root: { ...group([field("email", "is_empty")]), negate: "yes" } }, "root.negate", "negate must be true or false"],
    ["an unknown node type", def({ type: "magic" }), "root.children[0].type", "type must be one of group, field, orders, event, segment, rfm"],
    ["a typo in a key", def({ type: "field", field: "email", opertor: "is_empty" }), "root.children[0]", 'unknown key "opertor"'],
    ["an rfm condition without names", def({ type: "rfm", operator: "in", value: [] }), "root.children[0].value", "value must name at least one RFM segment"],
    ["an rfm condition with a bad operator", def({ type: "rfm", operator: "eq", value: ["Champions"] }), "root.children[0].operator", 'operator must be "in" or "not_in"'],
    ["an rfm condition with an empty name", def({ type: "rfm", operator: "in", value: [" "] }), "root.children[0].value[0]", "an RFM segment name must not be empty"],
  ])("rejects %s", (_name, input, path, message) => rejects(input, path, message));
});

describe("limits", () => {
  test("more than 50 children in a group", () => {
    rejects(def(...Array.from({ length: 51 }, () => field("email", "is_empty"))), "root.children", "a group holds at most 50 conditions");
  });

  test("more than 200 nodes", () => {
    const block = () => group(Array.from({ length: 49 }, () => field("email", "is_empty")));
    rejects(def(block(), block(), block(), block(), block()), "root", "a definition has at most 200 nodes");
  });

  test("groups nested more than 5 deep (the root counts)", () => {
    const leaf = field("email", "is_empty");
    const nested = (depth: number): unknown => (depth === 0 ? leaf : group([nested(depth - 1)]));
    expect(errors({ version: 1, root: nested(5) })).toEqual([]);
    rejects({ version: 1, root: nested(6) }, "root.children[0].children[0].children[0].children[0].children[0]", "groups nest at most 5 levels deep");
  });

  test("strings longer than 500 characters, and NUL", () => {
    rejects(def(field("city", "eq", "x".repeat(501))), "root.children[0].value", "must be at most 500 characters");
    expect(errors(def(field("city", "eq", "x".repeat(500))))).toEqual([]);
    rejects(def(field("city", "eq", "a\u0000b")), "root.children[0].value", "must not contain the NUL character");
  });

  test("lists of 1 to 1000 values", () => {
    rejects(def(field("country", "in", [])), "root.children[0].value", "must list at least one value");
    rejects(def(field("country", "in", Array.from({ length: 1001 }, (_, i) => `c${i}`))), "root.children[0].value", "must list at most 1000 values");
    rejects(def(field("country", "in", ["PL", 7])), "root.children[0].value[1]", "must be a string");
  });
});

describe("field conditions against the catalog", () => {
  test.each([
    ["an unknown field", field("shoeSize", "eq", 42), "root.children[0].field", 'unknown field "shoeSize"'],
    ["an unknown custom field", field("custom.nope", "is_empty"), "root.children[0].field", 'unknown field "custom.nope"'],
    ["an unknown operator", field("email", "like", "a"), "root.children[0].operator", 'unknown operator "like"'],
    ["an operator of another type", field("companySize", "contains", "1"), "root.children[0].operator", /^contains does not apply to number field companySize \(allowed: eq, neq, lt/],
    ["a missing value", field("email", "eq"), "root.children[0].value", "eq needs a value"],
    ["a value where none is taken", field("email", "is_empty", "x"), "root.children[0].value", "is_empty takes no value"],
    ["a number for text", field("city", "eq", 5), "root.children[0].value", "must be a string"],
    ["an empty string", field("city", "contains", ""), "root.children[0].value", "must not be empty (use is_empty to match empty values)"],
    ["an unknown select option", field("gender", "eq", "robot"), "root.children[0].value", '"robot" is not an option of Gender (options: female, male, other)'],
    ["an unknown multiselect option", field("custom.interests", "has_any", ["coffee", "beer"]), "root.children[0].value[1]", '"beer" is not an option of Interests (options: coffee, tea)'],
    ["text for a number", field("companySize", "gt", "10"), "root.children[0].value", "must be a number"],
    ["a huge number", field("custom.score", "gt", 1e16), "root.children[0].value", "must be at most 1000000000000000"],
    ["fractions of a cent", field("income", "gte", 10.005), "root.children[0].value", "must have at most 2 decimal places"],
    ["too much money", field("totalSpent", "gte", 1e13), "root.children[0].value", "must be at most 999999999999.99"],
    ["an impossible date", field("birthDate", "eq", "2023-02-29"), "root.children[0].value", 'must be a real date "YYYY-MM-DD"'],
    ["a datetime without zone", field("lastSeenAt", "gt", "2024-01-01T10:00:00"), "root.children[0].value", /ISO 8601 date-time with a zone/],
    ["a reversed between", field("companySize", "between", [10, 5]), "root.children[0].value", "low must not be greater than high"],
    ["a between with one value", field("companySize", "between", [10]), "root.children[0].value", /\[low, high\]|Too small/],
    ["a relative amount of 0", field("lastSeenAt", "in_last", { amount: 0, unit: "day" }), "root.children[0].value.amount", "amount must be at least 1"],
    ["a relative amount over 3650", field("lastSeenAt", "in_last", { amount: 3651, unit: "day" }), "root.children[0].value.amount", "amount must be at most 3650"],
    ["a relative unit of years", field("signedUpAt", "more_than_ago", { amount: 1, unit: "year" }), "root.children[0].value.unit", 'unit must be "day", "week" or "month"'],
    ["an anniversary over 366 days", field("birthDate", "anniversary_in_next", { amount: 367, unit: "day" }), "root.children[0].value.amount", "amount must be at most 366"],
    ["an anniversary in weeks", field("birthDate", "anniversary_in_next", { amount: 2, unit: "week" }), "root.children[0].value.unit", 'unit must be "day"'],
    ["anniversary on a datetime", field("signedUpAt", "anniversary_in_next", { amount: 2, unit: "day" }), "root.children[0].operator", /does not apply to datetime field signedUpAt/],
  ])("rejects %s", (_name, node, path, message) => rejects(def(node), path, message));

  test("archived custom fields stay resolvable for stored definitions", () => {
    expect(errors(def(field("custom.old", "contains", "x")))).toEqual([]);
  });

  test("a datetime value may be an instant with a zone", () => {
    expect(errors(def(field("lastSeenAt", "gte", "2024-03-01T10:00:00+01:00")))).toEqual([]);
  });

  test("errors name nested nodes", () => {
    rejects(def(field("email", "is_empty"), group([field("email", "is_empty"), field("age", "eq", "old")])), "root.children[1].children[1].value", "must be a number");
  });
});

describe("orders and event conditions", () => {
  test.each([
    ["a bad measure", orders({ measure: "median" }), "root.children[0].measure", 'measure must be "count", "sum" or "avg"'],
    ["a text operator", orders({ operator: "contains" }), "root.children[0].operator", "operator must be one of eq, neq, lt, lte, gt, gte, between"],
    ["a fractional count", orders({ value: 1.5 }), "root.children[0].value", "must be a whole number"],
    ["a negative count", orders({ value: -1 }), "root.children[0].value", "must not be negative"],
    ["fractions of a cent in a sum", orders({ measure: "sum", value: 0.001 }), "root.children[0].value", "must have at most 2 decimal places"],
    ["a reversed between", orders({ operator: "between", value: [5, 1] }), "root.children[0].value", "low must not be greater than high"],
    ["a window of 0 days", orders({ window: { type: "last", amount: 0, unit: "day" } }), "root.children[0].window.amount", "amount must be at least 1"],
    ["an unknown window", orders({ window: { type: "forever" } }), "root.children[0].window.type", /window must be/],
    ["a reversed window", orders({ window: { type: "between", from: "2024-02-01", to: "2024-01-01" } }), "root.children[0].window.to", '"to" must not be before "from"'],
    ["an unknown status", orders({ filter: { status: ["paid", "lost"] } }), "root.children[0].filter.status[1]", "status must be one of paid, pending, refunded, cancelled"],
    ["no categories", orders({ filter: { categories: [] } }), "root.children[0].filter.categories", "categories must list at least one category"],
    ["an event without name", event({ name: "" }), "root.children[0].name", "name must not be empty"],
    ["too many property filters", event({ where: Array.from({ length: 11 }, () => ({ property: "a", operator: "eq", value: 1 })) }), "root.children[0].where", "where holds at most 10 property filters"],
    ["contains with a number", event({ where: [{ property: "a", operator: "contains", value: 1 }] }), "root.children[0].where[0].value", "contains needs a non-empty string"],
    ["lt with a string", event({ where: [{ property: "a", operator: "lt", value: "b" }] }), "root.children[0].where[0].value", "lt needs a number"],
    ["an unknown property operator", event({ where: [{ property: "a", operator: "in", value: "b" }] }), "root.children[0].where[0].operator", /operator must be one of eq, neq, contains/],
    ["an empty property name", event({ where: [{ property: "", operator: "eq", value: "b" }] }), "root.children[0].where[0].property", "property must not be empty"],
  ])("rejects %s", (_name, node, path, message) => rejects(def(node), path, message));
});

describe("segment references", () => {
  const A = "00000000-0000-4000-8000-00000000000a";
  const B = "00000000-0000-4000-8000-00000000000b";
  const ref = (id: string, operator = "in") => ({ type: "segment", segmentId: id, operator });
  const stored = (entries: Record<string, unknown>): ParseOptions => ({ resolveSegment: (id) => entries[id] });

  test("a reference resolves", () => {
    expect(errors(def(ref(A)), stored({ [A]: def(field("email", "is_empty")) }))).toEqual([]);
  });

  test.each([
    ["a malformed id", def(ref("42")), {}, "root.children[0].segmentId", "segmentId must be a segment id (a UUID)"],
    ["a bad operator", def({ type: "segment", segmentId: A, operator: "is" }), stored({ [A]: def(field("email", "is_empty")) }), "root.children[0].operator", 'operator must be "in" or "not_in"'],
    ["an unknown segment", def(ref(A)), stored({}), "root.children[0].segmentId", `unknown segment ${A}`],
    ["a reference to itself", def(ref(A)), { segmentId: A, ...stored({ [A]: def(field("email", "is_empty")) }) }, "root.children[0].segmentId", `segment reference cycle: ${A} → ${A}`],
    ["a cycle through another segment", def(ref(B)), { segmentId: A, ...stored({ [B]: def(ref(A, "not_in")) }) }, "root.children[0].segmentId", `in segment ${B}: segment reference cycle: ${A} → ${B} → ${A}`],
    ["an invalid referenced segment", def(ref(A)), stored({ [A]: def(field("nope", "is_empty")) }), "root.children[0].segmentId", `segment ${A} is invalid: root.children[0].field: unknown field "nope"`],
  ])("rejects %s", (_name, input, options, path, message) => rejects(input, path, message, options as ParseOptions));

  test("references nest at most 5 deep", () => {
    const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000010${i}`);
    const chain = (n: number): ParseOptions => stored(Object.fromEntries(ids.slice(0, n).map((id, i) => [id, i + 1 < n ? def(ref(ids[i + 1])) : def(field("email", "is_empty"))])));
    expect(errors(def(ref(ids[0])), chain(5))).toEqual([]);
    rejects(def(ref(ids[0])), "root", "segment references nest at most 5 levels deep", chain(6));
  });

  test("inlining is bounded", () => {
    const wide = def(...Array.from({ length: 50 }, () => ref(B)));
    const big = def(...Array.from({ length: 50 }, () => field("email", "is_empty")));
    rejects(wide, "root", "with referenced segments inlined, a definition has at most 2000 nodes", stored({ [B]: big }));
  });
});
