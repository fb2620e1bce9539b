/** Each semantic rule of SEGMENT_FORMAT.md for field conditions, pinned on a real database with a small fixture. */
import { afterAll, beforeAll, describe, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { setupTestDb, teardownTestDb } from "./support/db";
import { buildCatalog } from "@/lib/fields/catalog";
import { customer, only, scenario, where, type Scenario } from "./segments-support";

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

describe("empty values, text, select, lists, numbers and money", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(db.sql, {
      krakow: customer({ emailOptIn: true, city: "Kraków", company: "50% off", tags: ["vip"], email: "anna@example.com", gender: "female", country: "PL", income: "1200.50", companySize: 10,
        attributes: { note: "Hello", interests: ["coffee"], vip: true, score: 5, plan: "Team" } }),
      blank: customer({ city: "", company: "a_b", email: "bob@example.com", country: "PL", income: "0.00", companySize: 50,
        attributes: { note: "", interests: [], vip: false, score: 0, plan: "pro" } }),
      nothing: customer({ emailOptIn: null }), // never asked
      odd: customer({ city: "ŁÓDŹ", company: "back\\slash", gender: "FEMALE", country: "DE", income: "1200.49", companySize: 9, email: "cara@example.com",
        attributes: { note: 42, interests: "coffee", vip: "true", score: "5", plan: "team" } }),
      fifty: customer({ city: "Krakow", company: "50 off", companySize: 51, attributes: { interests: ["Café", "tea"] } }),
    }, { now: new Date("2024-03-15T12:00:00Z"), timeZone: "UTC" });
  });

  test("an empty value (null, \"\", missing) satisfies is_empty and the negative operators only", async () => {
    await s.check(only(where("city", "is_empty")), ["blank", "nothing"]);
    await s.check(only(where("city", "is_not_empty")), ["krakow", "odd", "fifty"]);
    await s.check(only(where("city", "neq", "Warszawa")), ["krakow", "blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("city", "neq", "KRAKÓW")), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("city", "not_contains", "ków")), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("city", "not_in", ["kraków"])), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("income", "lt", 0.01)), ["blank"]);
    await s.check(only(where("income", "is_empty")), ["nothing", "fifty"]);
    await s.check(only(where("custom.legacy", "is_empty")), ["krakow", "blank", "nothing", "odd", "fifty"]);
  });

  test("text comparisons ignore case (Unicode too); emails are compared lower-case", async () => {
    await s.check(only(where("city", "eq", "kraków")), ["krakow"]);
    await s.check(only(where("city", "eq", "łódź")), ["odd"]);
    await s.check(only(where("city", "contains", "KÓW")), ["krakow"]);
    await s.check(only(where("city", "in", ["KRAKÓW", "łódź"])), ["krakow", "odd"]);
    await s.check(only(where("city", "starts_with", "kra")), ["krakow", "fifty"]);
    await s.check(only(where("city", "ends_with", "ÓW")), ["krakow"]);
    await s.check(only(where("country", "in", ["PL"])), ["krakow", "blank"]);
    await s.check(only(where("country", "eq", "de")), ["odd"]);
    await s.check(only(where("email", "eq", "ANNA@Example.com")), ["krakow"]);
    await s.check(only(where("email", "in", ["BOB@EXAMPLE.COM"])), ["blank"]);
  });

  test("% _ and \\ in a value are literal characters", async () => {
    await s.check(only(where("company", "contains", "%")), ["krakow"]);
    await s.check(only(where("company", "contains", "_")), ["blank"]);
    await s.check(only(where("company", "contains", "\\")), ["odd"]);
    await s.check(only(where("company", "starts_with", "50%")), ["krakow"]);
    await s.check(only(where("company", "contains", "0_")), []);
    await s.check(only(where("company", "ends_with", "\\slash")), ["odd"]);
  });

  test("select and multiselect values are option keys, compared exactly", async () => {
    await s.check(only(where("gender", "eq", "female")), ["krakow"]);
    await s.check(only(where("gender", "neq", "female")), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("custom.plan", "eq", "Team")), ["krakow"]);
    await s.check(only(where("custom.plan", "in", ["pro"])), ["blank"]);
    await s.check(only(where("custom.plan", "not_in", ["Team"])), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("custom.interests", "has_any", ["Café"])), ["fifty"]);
    await s.check(only(where("custom.interests", "has_all", ["Café", "tea"])), ["fifty"]);
    await s.check(only(where("custom.interests", "has_all", ["coffee", "tea"])), []);
  });

  test("lists: an empty list or a value of the wrong JSON type is empty", async () => {
    await s.check(only(where("custom.interests", "has_any", ["coffee"])), ["krakow"]);
    await s.check(only(where("custom.interests", "has_none", ["coffee"])), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("custom.interests", "is_empty")), ["blank", "nothing", "odd"]);
    await s.check(only(where("tags", "has_any", ["VIP"])), ["krakow"]);
    await s.check(only(where("tags", "has_none", ["vip"])), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("tags", "is_empty")), ["blank", "nothing", "odd", "fifty"]);
  });

  test("booleans: is_false is not satisfied by an empty value", async () => {
    await s.check(only(where("custom.vip", "is_true")), ["krakow"]);
    await s.check(only(where("custom.vip", "is_false")), ["blank"]);
    await s.check(only(where("custom.vip", "is_empty")), ["nothing", "odd", "fifty"]);
    // Email consent: never asked is its empty value, so "is no" (declined) leaves it out.
    await s.check(only(where("emailOptIn", "is_true")), ["krakow"]);
    await s.check(only(where("emailOptIn", "is_false")), ["blank", "odd", "fifty"]);
    await s.check(only(where("emailOptIn", "is_empty")), ["nothing"]);
    await s.check(only(where("emailOptIn", "is_not_empty")), ["krakow", "blank", "odd", "fifty"]);
    await s.check({ version: 1, root: { type: "group", combinator: "and", negate: true, children: [where("emailOptIn", "is_false")] } }, ["krakow", "nothing"]);
  });

  test("custom text and numbers; a value of the wrong JSON type is empty", async () => {
    await s.check(only(where("custom.note", "eq", "HELLO")), ["krakow"]);
    await s.check(only(where("custom.note", "is_empty")), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("custom.score", "eq", 5)), ["krakow"]);
    await s.check(only(where("custom.score", "neq", 5)), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("custom.score", "lt", 1)), ["blank"]);
  });

  test("numbers: between is inclusive at both ends; money compares exactly", async () => {
    await s.check(only(where("companySize", "between", [10, 50])), ["krakow", "blank"]);
    await s.check(only(where("companySize", "gt", 50)), ["fifty"]);
    await s.check(only(where("companySize", "lte", 9.5)), ["odd"]);
    await s.check(only(where("companySize", "neq", 10)), ["blank", "nothing", "odd", "fifty"]);
    await s.check(only(where("income", "eq", 1200.5)), ["krakow"]);
    await s.check(only(where("income", "gt", 1200.49)), ["krakow"]);
    await s.check(only(where("income", "gte", 1200.49)), ["krakow", "odd"]);
  });
});

describe("dates against datetime fields are whole days in the workspace zone", () => {
  const people = () => ({
    before: customer({ signedUpAt: new Date("2024-03-09T22:59:59.999Z") }),
    first: customer({ signedUpAt: new Date("2024-03-09T23:00:00.000Z") }),
    last: customer({ signedUpAt: new Date("2024-03-10T22:59:59.999Z") }),
    next: customer({ signedUpAt: new Date("2024-03-10T23:00:00.000Z") }),
    never: customer({}),
  });
  const now = new Date("2024-03-15T12:00:00Z");

  test("eq, lt, lte, gt, gte, between and neq with a date (Europe/Warsaw)", async () => {
    const s = await scenario(db.sql, people(), { now, timeZone: "Europe/Warsaw" });
    const d = "2024-03-10";
    await s.check(only(where("signedUpAt", "eq", d)), ["first", "last"]);
    await s.check(only(where("signedUpAt", "neq", d)), ["before", "next", "never"]);
    await s.check(only(where("signedUpAt", "lt", d)), ["before"]);
    await s.check(only(where("signedUpAt", "lte", d)), ["before", "first", "last"]);
    await s.check(only(where("signedUpAt", "gt", d)), ["next"]);
    await s.check(only(where("signedUpAt", "gte", d)), ["first", "last", "next"]);
    await s.check(only(where("signedUpAt", "between", [d, d])), ["first", "last"]);
    await s.check(only(where("signedUpAt", "between", ["2024-03-09", d])), ["before", "first", "last"]);
    await s.check(only(where("signedUpAt", "eq", "2024-03-09T23:00:00Z")), ["first"]);
    await s.check(only(where("signedUpAt", "gt", "2024-03-10T23:59:59.999+01:00")), ["next"]);
  });

  test("the same date is another day in UTC", async () => {
    const s = await scenario(db.sql, people(), { now, timeZone: "UTC" });
    await s.check(only(where("signedUpAt", "eq", "2024-03-10")), ["last", "next"]);
  });
});

describe("relative dates", () => {
  test("in_last, more_than_ago, in_next on datetimes and dates (whole days, up to now / today)", async () => {
    const s = await scenario(db.sql, {
      a: customer({ lastSeenAt: new Date("2024-03-07T22:59:59.999Z"), attributes: { renewal: "2024-03-07" } }),
      b: customer({ lastSeenAt: new Date("2024-03-07T23:00:00.000Z"), attributes: { renewal: "2024-03-08" } }),
      c: customer({ lastSeenAt: new Date("2024-03-15T12:00:00.000Z"), attributes: { renewal: "2024-03-15" } }),
      d: customer({ lastSeenAt: new Date("2024-03-15T12:00:00.001Z"), attributes: { renewal: "2024-03-16" } }),
      e: customer({ lastSeenAt: new Date("2024-03-22T22:59:59.999Z"), attributes: { renewal: "2024-03-22" } }),
      f: customer({ lastSeenAt: new Date("2024-03-22T23:00:00.000Z"), attributes: { renewal: "2024-03-23" } }),
      g: customer({ attributes: { renewal: "someday" } }),
    }, { now: new Date("2024-03-15T12:00:00Z"), timeZone: "Europe/Warsaw" });
    const days = (amount: number, unit = "day") => ({ amount, unit });
    await s.check(only(where("lastSeenAt", "in_last", days(7))), ["b", "c"]);
    await s.check(only(where("lastSeenAt", "in_last", days(1, "week"))), ["b", "c"]);
    await s.check(only(where("lastSeenAt", "more_than_ago", days(7))), ["a"]);
    await s.check(only(where("lastSeenAt", "in_next", days(7))), ["c", "d", "e"]);
    await s.check(only(where("custom.renewal", "in_last", days(7))), ["b", "c"]);
    await s.check(only(where("custom.renewal", "more_than_ago", days(7))), ["a"]);
    await s.check(only(where("custom.renewal", "in_next", days(1, "week"))), ["c", "d", "e"]);
    await s.check(only(where("custom.renewal", "is_empty")), ["g"]);
  });

  test("months are calendar months, clamped to the month's last day", async () => {
    const people = {
      feb28: customer({ lastSeenAt: new Date("2024-02-28T22:59:59.999Z"), attributes: { renewal: "2024-02-28" } }),
      feb29: customer({ lastSeenAt: new Date("2024-02-28T23:00:00.000Z"), attributes: { renewal: "2024-02-29" } }),
      mar01: customer({ attributes: { renewal: "2024-03-01" } }),
      jan31: customer({ attributes: { renewal: "2024-01-31" } }),
    };
    const march = await scenario(db.sql, people, { now: new Date("2024-03-31T10:00:00Z"), timeZone: "Europe/Warsaw" });
    await march.check(only(where("lastSeenAt", "in_last", { amount: 1, unit: "month" })), ["feb29"]);
    await march.check(only(where("lastSeenAt", "more_than_ago", { amount: 1, unit: "month" })), ["feb28"]);
    await march.check(only(where("custom.renewal", "in_last", { amount: 1, unit: "month" })), ["feb29", "mar01"]);
    const january = await scenario(db.sql, people, { now: new Date("2024-01-31T12:00:00Z"), timeZone: "Europe/Warsaw" });
    await january.check(only(where("custom.renewal", "in_next", { amount: 1, unit: "month" })), ["feb28", "feb29", "jan31"]);
  });
});

describe("anniversaries and age", () => {
  const people = () => ({
    leap: customer({ birthDate: "2000-02-29", attributes: { renewal: "2000-02-29" } }),
    feb27: customer({ birthDate: "1980-02-27" }),
    mar1: customer({ birthDate: "1990-03-01" }),
    feb26: customer({ birthDate: "1985-02-26" }),
    none: customer({}),
  });

  test("29 February counts as 28 February in other years", async () => {
    const s = await scenario(db.sql, people(), { now: new Date("2025-02-27T12:00:00Z"), timeZone: "UTC" });
    await s.check(only(where("birthDate", "anniversary_in_next", { amount: 1, unit: "day" })), ["leap", "feb27"]);
    await s.check(only(where("birthDate", "anniversary_in_next", { amount: 0, unit: "day" })), ["feb27"]);
    await s.check(only(where("birthDate", "anniversary_in_next", { amount: 2, unit: "day" })), ["leap", "feb27", "mar1"]);
    await s.check(only(where("custom.renewal", "anniversary_in_next", { amount: 1, unit: "day" })), ["leap"]);
  });

  test("anniversaries across the year end", async () => {
    const s = await scenario(db.sql, {
      jan2: customer({ birthDate: "1990-01-02" }), jan3: customer({ birthDate: "1990-01-03" }),
      dec29: customer({ birthDate: "1990-12-29" }), dec30: customer({ birthDate: "1990-12-30" }),
    }, { now: new Date("2024-12-30T12:00:00Z"), timeZone: "UTC" });
    await s.check(only(where("birthDate", "anniversary_in_next", { amount: 3, unit: "day" })), ["jan2", "dec30"]);
  });

  test("age is whole years as of today", async () => {
    const s = await scenario(db.sql, people(), { now: new Date("2025-02-27T12:00:00Z"), timeZone: "UTC" });
    await s.check(only(where("age", "eq", 24)), ["leap"]);
    await s.check(only(where("age", "gte", 45)), ["feb27"]);
    await s.check(only(where("age", "between", [34, 40])), ["mar1", "feb26"]);
    await s.check(only(where("age", "lt", 35)), ["leap", "mar1"]);
    await s.check(only(where("age", "neq", 24)), ["feb27", "mar1", "feb26", "none"]);
    await s.check(only(where("age", "eq", 24.5)), []);
    await s.check(only(where("age", "is_empty")), ["none"]);
    const nextDay = await scenario(db.sql, people(), { now: new Date("2025-02-28T12:00:00Z"), timeZone: "UTC" });
    await nextDay.check(only(where("age", "eq", 25)), ["leap"]);
  });

  test("today is in the workspace zone", async () => {
    const birthday = () => ({ born: customer({ birthDate: "1990-03-15" }) });
    const now = new Date("2024-03-14T23:30:00Z");
    await (await scenario(db.sql, birthday(), { now, timeZone: "Pacific/Auckland" })).check(only(where("age", "eq", 34)), ["born"]);
    await (await scenario(db.sql, birthday(), { now, timeZone: "UTC" })).check(only(where("age", "eq", 33)), ["born"]);
  });
});

describe("custom select and multiselect with many values", () => {
  // Up to 8 values compile to jsonb containments (GIN-indexable), more to a type-guarded comparison.
  const keys = Array.from({ length: 10 }, (_, i) => `o${i}`);
  const options = keys.map((key) => ({ key, label: key.toUpperCase() }));
  const catalog = buildCatalog([
    { key: "size", label: "Size", type: "select", options },
    { key: "sizes", label: "Sizes", type: "multiselect", options },
  ]);

  test("both forms agree, wrong JSON types included", async () => {
    const s = await scenario(db.sql, {
      first: customer({ attributes: { size: "o0", sizes: ["o0", "o9"] } }),
      last: customer({ attributes: { size: "o9", sizes: ["o5"] } }),
      array: customer({ attributes: { size: ["o0"], sizes: "o0" } }),
      none: customer({}),
    }, { now: new Date("2024-03-15T12:00:00Z"), timeZone: "UTC" }, catalog);
    await s.check(only(where("custom.size", "in", keys.slice(0, 2))), ["first"]);
    await s.check(only(where("custom.size", "in", keys.slice(0, 9))), ["first"]);
    await s.check(only(where("custom.size", "not_in", keys.slice(0, 9))), ["last", "array", "none"]);
    await s.check(only(where("custom.sizes", "has_any", keys.slice(0, 2))), ["first"]);
    await s.check(only(where("custom.sizes", "has_any", keys.slice(1))), ["first", "last"]);
    await s.check(only(where("custom.sizes", "has_none", keys.slice(1))), ["array", "none"]);
  });
});
