/**
 * fast-check generators for the differential test: customers and definitions drawn from shared
 * pools of "interesting" values built around one clock (day boundaries in the zone, window edges,
 * month ends, leap days, case and Unicode variants, LIKE wildcards), so comparisons hit equality.
 */
import fc from "fast-check";
import { findField, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import { DEFAULT_RFM_RULES } from "@/lib/rfm/rules";
import { operatorsFor } from "@/lib/segments/operators";
import type { CustomerRecord } from "@/lib/segments/record";
import { addDays, addMonths, addYears, type Clock } from "@/lib/segments/time";
import { customer } from "./segments-support";

const TEXT = ["Kraków", "kraków", "KRAKÓW", "łódź", "ŁÓDŹ", "a%b", "a_b", "a\\b", "50% off", "%", "_", "\\", "İstanbul", "istanbul",
  "Straße", "STRASSE", "ß", "ΟΔΟΣ", "οδος", "東京", "😀", " ", "x", "X", "abc", "ABC", "b", "PL", "pl", "De"];
const NUMBERS = [-1, 0, 0.1, 0.2, 0.30000000000000004, 0.3, 0.5, 1, 2, 3, 9, 9.5, 10, 17, 18, 24, 25, 30, 45, 50, 51, 99, 1e15];
const MONEY = ["0.00", "0.01", "9.99", "10.00", "19.99", "20.00", "52.50", "100.00", "1200.50", "-5.00"];
const MONEY_VALUES = [0, 0.01, 9.99, 10, 19.99, 20, 25, 52.5, 100, 1200.5, -5];
const TAGS = ["vip", "new", "a%b", "x_y", "straße"];
// Stored predictions are doubles rounded to 6 decimals (lib/predict/scoring.ts round6) and 2-decimal money.
const PROBABILITIES = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.999999, 1];
const EXPECTED = [0, 0.000001, 0.1, 0.3, 0.5, 1, 2.5, 9.5, 10, 17.123456];
const CATEGORIES = ["books", "toys", "Games"];
const STATUSES = ["paid", "pending", "refunded", "cancelled"] as const;
const EVENT_NAMES = ["cart_abandoned", "page_view", "email_opened"];
const CODED: Record<string, string[]> = {
  country: ["PL", "pl", "De", "US", "Poland", "germany", "FR"],
  language: ["pl", "PL", "pl-PL", "Polish", "de", "en-us", "English (United States)"],
};

/** Local dates and instants around the clock's today and now. */
export interface Pools {
  days: string[];
  births: string[];
  instants: number[];
}

/** The pools of one batch. */
export function pools(clock: Clock): Pools {
  const today = clock.today;
  const offsets = [-800, -366, -365, -91, -90, -89, -31, -30, -29, -8, -7, -6, -1, 0, 1, 6, 7, 8, 29, 30, 31, 90, 365];
  const monthly = [1, 3, 6, 12, -1, -3, -6, -12].flatMap((m) => {
    const d = addMonths(today, m);
    return [addDays(d, -1), d, addDays(d, 1)];
  });
  const fixed = ["2024-02-29", "2024-02-28", "2023-02-28", "2023-03-01", "2024-03-01", "2023-12-31", "2024-01-01", "2024-12-31", "2025-01-01"];
  const days = [...new Set([...offsets.map((k) => addDays(today, k)), ...monthly, ...fixed])].sort();
  const births = [...new Set([0, 1, 18, 25, 30, 45].flatMap((y) => [-1, 0, 1].map((k) => addYears(addDays(today, k), -y))).concat(["2000-02-29", "1996-02-29", "2004-02-29", "2000-02-28", "2000-03-01"]))];
  const instants = [
    ...days.flatMap((d) => {
      const start = clock.startOfDay(d);
      return [start - 1, start, start + 1, start + 43_200_000];
    }),
    clock.now - 1, clock.now, clock.now + 1, clock.now + 3_600_000,
  ];
  return { days, births, instants };
}

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 3) => fc.option(arb, { nil: null, freq });
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const text = fc.oneof(pick(TEXT), fc.array(pick(TEXT), { minLength: 2, maxLength: 3 }).map((parts) => parts.join("")), fc.constant(""));

const MISSING = Symbol("missing");
const attribute = (...arbs: fc.Arbitrary<unknown>[]) => fc.oneof(fc.constant(MISSING), fc.constant(null), ...arbs);

/** One customer of a batch (index i keeps emails unique). */
export function customerArb(p: Pools, i: number): fc.Arbitrary<CustomerRecord> {
  const instant = pick(p.instants).map((ms) => new Date(ms));
  const item = fc.record({ category: maybe(pick(CATEGORIES), 5), quantity: fc.integer({ min: 1, max: 3 }), unitPrice: pick(MONEY) });
  const order = fc.record({
    placedAt: instant, total: pick(MONEY), status: fc.oneof({ weight: 3, arbitrary: fc.constant("paid") }, { weight: 1, arbitrary: pick(STATUSES) }),
    items: fc.array(item, { maxLength: 3 }),
  });
  const properties = fc.record(
    { category: fc.oneof(pick(["books", "Books", "toys"]), fc.constant(null), fc.constant(3)), value: fc.oneof(pick([3, 12.5, 100]), fc.constant("12.5")), gift: fc.boolean() },
    { requiredKeys: [] },
  );
  const event = fc.record({ name: pick(EVENT_NAMES), occurredAt: instant, properties });
  const attributes = fc.record({
    note: attribute(text, fc.constant(42)),
    score: attribute(pick(NUMBERS), fc.constant("5")),
    renewal: attribute(pick(p.days), pick(p.births), fc.constant("2023-02-30"), fc.constant("someday")),
    vip: attribute(fc.boolean(), fc.constant("true")),
    plan: attribute(pick(["free", "pro", "Team", "team", ""])),
    interests: attribute(fc.subarray(["coffee", "tea", "books", "Café"]), fc.constant("coffee"), fc.constant([1, "tea"])),
    legacy: attribute(text),
  }).map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== MISSING)));
  return fc.record({
    email: maybe(pick(["a", "b%", "c_", "d\\"]).map((s) => `user${i}${s}@example.com`)),
    firstName: maybe(text), lastName: maybe(text), phone: maybe(text), city: maybe(text), region: maybe(text), language: maybe(fc.oneof(text, pick(["pl", "pl-PL", "PL-pl", "en-US", "de"]))),
    company: maybe(text), jobTitle: maybe(text), industry: maybe(text), maritalStatus: maybe(text), education: maybe(text), source: maybe(text),
    country: maybe(pick(["PL", "DE", "US", ""])), // stored upper-case: every write normalizes ISO codes
    gender: maybe(pick(["female", "male", "other", "FEMALE", ""])), lifecycleStage: maybe(pick(["lead", "customer", "churned"])),
    birthDate: maybe(pick(p.births)), companySize: maybe(pick([-1, 0, 1, 9, 10, 50, 51])), income: maybe(pick(MONEY)),
    tags: fc.subarray(TAGS), emailOptIn: fc.option(fc.boolean()), signedUpAt: maybe(instant), lastSeenAt: maybe(instant), createdAt: instant,
    attributes, orders: fc.array(order, { maxLength: 4 }), events: fc.array(event, { maxLength: 4 }),
    prediction: maybe(fc.record({
      probabilityAlive: pick(PROBABILITIES), purchases30: pick(EXPECTED), purchases90: pick(EXPECTED), purchases365: pick(EXPECTED),
      averageOrderValue: pick(MONEY.filter((m) => !m.startsWith("-"))), value12m: pick(MONEY.filter((m) => !m.startsWith("-"))), churnRisk: pick(["low", "medium", "high"]),
    }), 2),
  }).map((c) => customer(c));
}

function sortedPair<T>(arb: fc.Arbitrary<T>, compare: (a: T, b: T) => number): fc.Arbitrary<[T, T]> {
  return fc.tuple(arb, arb).map(([a, b]) => (compare(a, b) <= 0 ? [a, b] : [b, a]));
}

function orderedValue(field: FieldDefinition, p: Pools): fc.Arbitrary<string | number> {
  if (field.type === "date") return pick(field.key === "birthDate" ? [...p.births, ...p.days] : [...p.days, ...p.births]);
  if (field.type === "datetime") return fc.oneof(pick(p.days), pick(p.instants).map((ms) => new Date(ms).toISOString()));
  if (field.type === "money") return pick(MONEY_VALUES);
  if (field.key === "prediction.probabilityAlive") return pick([...PROBABILITIES, 0.30000000000000004, 0.2999999, 0.7000001, 2]);
  if (field.source.kind === "prediction") return pick([...EXPECTED, ...NUMBERS]);
  return pick(field.key === "age" ? [-1, 0, 1, 17, 18, 24, 25, 29.5, 30, 45, 99] : NUMBERS);
}

function fieldValue(field: FieldDefinition, operator: string, p: Pools): fc.Arbitrary<unknown> | null {
  const options = (field.options ?? []).map((o) => o.key);
  const one = field.type === "select" ? pick(options) : pick(TEXT);
  const list = (arb: fc.Arbitrary<string>) => fc.array(arb, { minLength: 1, maxLength: 3 });
  // Equality on a coded field takes a code or a name (normalized to the code) and refuses anything else.
  const coded = Object.hasOwn(CODED, field.key) && ["eq", "neq", "in", "not_in"].includes(operator) ? pick(CODED[field.key]) : undefined;
  if (coded) return operator === "in" || operator === "not_in" ? list(coded) : coded;
  switch (operator) {
    case "eq": case "neq": case "lt": case "lte": case "gt": case "gte":
      return field.type === "text" || field.type === "select" ? one : orderedValue(field, p);
    case "between": {
      if (field.type === "datetime") return fc.oneof(sortedPair(pick(p.days), (a, b) => a.localeCompare(b)), sortedPair(pick(p.instants), (a, b) => a - b).map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]));
      const v = orderedValue(field, p);
      return sortedPair(v, (a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b))));
    }
    case "contains": case "not_contains": case "starts_with": case "ends_with":
      return one;
    case "in": case "not_in":
      return list(one);
    case "has_any": case "has_all": case "has_none":
      return list(field.type === "multiselect" ? pick(options) : pick([...TAGS, "VIP", "STRASSE", "New"]));
    case "in_last": case "more_than_ago": case "in_next":
      return fc.record({ amount: pick([1, 2, 3, 6, 7, 12, 30, 90]), unit: pick(["day", "week", "month"]) });
    case "anniversary_in_next":
      return fc.record({ amount: pick([0, 1, 2, 7, 30, 365, 366]), unit: fc.constant("day") });
    default:
      return null;
  }
}

function fieldNode(catalog: FieldCatalog, p: Pools): fc.Arbitrary<unknown> {
  return pick(catalog.fields.map((f) => f.key)).chain((key) => {
    const field = findField(catalog, key)!;
    return pick([...new Set(operatorsFor(field.type).map((o) => o.key))]).chain((operator): fc.Arbitrary<unknown> => {
      const value = fieldValue(field, operator, p);
      return value ? value.map((v) => ({ type: "field", field: key, operator, value: v })) : fc.constant({ type: "field", field: key, operator });
    });
  });
}

const COMPARISONS = ["eq", "neq", "lt", "lte", "gt", "gte", "between"];

function comparison(values: readonly number[]) {
  return pick(COMPARISONS).chain((operator) =>
    (operator === "between" ? sortedPair(pick(values), (a, b) => a - b) : pick(values)).map((value) => ({ operator, value })),
  );
}

function windowArb(p: Pools) {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant({ type: "ever" }),
    fc.record({ type: fc.constant("last"), amount: pick([1, 7, 30, 90, 1, 3]), unit: pick(["day", "week", "month"]) }),
    sortedPair(pick(p.days), (a, b) => a.localeCompare(b)).map(([from, to]) => ({ type: "between", from, to })),
  );
}

const withoutUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function ordersNode(p: Pools): fc.Arbitrary<unknown> {
  return pick(["count", "sum", "avg"]).chain((measure) =>
    fc.record({
      cmp: comparison(measure === "count" ? [0, 1, 2, 3] : MONEY_VALUES),
      window: windowArb(p),
      filter: fc.option(fc.record({ categories: fc.subarray(CATEGORIES, { minLength: 1 }), status: fc.subarray([...STATUSES], { minLength: 1 }) }, { requiredKeys: [] }), { nil: undefined }),
    }).map(({ cmp, window, filter }) => withoutUndefined({ type: "orders", measure, ...cmp, window, filter })),
  );
}

function eventNode(p: Pools): fc.Arbitrary<unknown> {
  const filter = fc.oneof(
    fc.record({ property: pick(["category", "missing"]), operator: pick(["eq", "neq", "contains"]), value: pick(["books", "BOOKS", "oo"]) }),
    fc.record({ property: pick(["value", "category"]), operator: pick(["eq", "neq", "lt", "lte", "gt", "gte"]), value: pick([3, 12.5, 100]) }),
    fc.record({ property: pick(["gift", "value"]), operator: pick(["eq", "neq"]), value: fc.oneof(fc.boolean(), fc.constant("12.5")) }),
  );
  return fc.record({
    name: pick(EVENT_NAMES), cmp: comparison([0, 1, 2, 3]), window: windowArb(p),
    where: fc.option(fc.array(filter, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  }).map(({ cmp, ...rest }) => withoutUndefined({ type: "event", ...rest, ...cmp }));
}

/** The default rule set's names, "Others", and a name no rule has. */
const RFM_NAMES = [...DEFAULT_RFM_RULES.map((r) => r.name), "Others", "Hibernating"];

function rfmNode(): fc.Arbitrary<unknown> {
  return fc.record({ type: fc.constant("rfm"), operator: pick(["in", "not_in"]), value: fc.subarray(RFM_NAMES, { minLength: 1, maxLength: 4 }) });
}

/** Random valid definitions over the catalog; segment conditions refer to segmentIds. */
export function definitionArb(catalog: FieldCatalog, p: Pools, segmentIds: readonly string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fieldNode(catalog, p) },
    { weight: 2, arbitrary: ordersNode(p) },
    { weight: 2, arbitrary: eventNode(p) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("segment"), segmentId: pick(segmentIds), operator: pick(["in", "not_in"]) }) },
    { weight: 1, arbitrary: rfmNode() },
  );
  // Mostly small trees: wide and deep ones tend to match nobody (and) or everybody (or), testing little.
  const { root } = fc.letrec((tie) => ({
    node: fc.oneof({ maxDepth: 3, depthIdentifier: "tree" }, { weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: tie("root") }),
    root: fc.record({
      type: fc.constant("group"), combinator: pick(["and", "or"]), negate: fc.boolean(),
      children: fc.array(tie("node"), { minLength: 1, maxLength: 3, depthIdentifier: "tree" }),
    }),
  }));
  return root.map((r) => ({ version: 1, root: r }));
}
