/** Comparisons and relative dates on number, money, date and datetime fields, all as ranges of values. */
import type { z } from "zod";
import type { FieldDefinition } from "@/lib/fields/catalog";
import { ORDERED_DOMAINS, orderedDomain, type OrderedDomain } from "../domains";
import { comparisonRange, inRange, type Comparison, type ValueRange } from "../ranges";
import { addUnits, anniversaryKeys, monthDay, type CalendarUnit, type Clock } from "../time";
import { anniversaryValue, betweenOf, relativeValue } from "../values";
import { defineOperator, negationOf, type BoundCondition, type Operator, type OperatorKey } from "./define";

const ORDERED = Object.keys(ORDERED_DOMAINS) as (keyof typeof ORDERED_DOMAINS)[];

function domainOf(field: FieldDefinition): OrderedDomain {
  const domain = orderedDomain(field.type);
  if (!domain) throw new Error(`${field.key} is not an ordered field`);
  return domain;
}

/** A condition "value lies in range" (or outside it when negate; empty values are outside every range). */
function within(range: ValueRange, domain: OrderedDomain, negate = false): BoundCondition {
  return {
    sql: (f, q) => (negate ? q.sql`(NOT ${f.within(range)})` : f.within(range)),
    test: (x) => {
      const hit = (typeof x === "string" || typeof x === "number") && inRange(x, range, domain.compare);
      return negate ? !hit : hit;
    },
  };
}

function comparison(key: Exclude<Comparison, "neq" | "between">, label: string): Operator {
  return defineOperator<string | number>({
    key,
    label,
    types: ORDERED,
    value: (field) => domainOf(field).value,
    bind(value, { field, clock }) {
      const domain = domainOf(field);
      return within(comparisonRange(key, domain.point(value, clock)).range, domain);
    },
  });
}

const eq = comparison("eq", "is");

const between = defineOperator<[string | number, string | number]>({
  key: "between",
  label: "is between",
  types: ORDERED,
  value: (field) => betweenOf(domainOf(field).value, domainOf(field).compare) as z.ZodType<[string | number, string | number]>,
  bind([low, high], { field, clock }) {
    const domain = domainOf(field);
    return within(comparisonRange("between", domain.point(low, clock), domain.point(high, clock)).range, domain);
  },
});

type Relative = { amount: number; unit: CalendarUnit };

function relative(key: OperatorKey, label: string, range: (domain: OrderedDomain, clock: Clock, v: Relative) => ValueRange): Operator {
  return defineOperator<Relative>({
    key,
    label,
    types: ["date", "datetime"],
    value: () => relativeValue,
    bind: (value, { field, clock }) => within(range(domainOf(field), clock, value), domainOf(field)),
  });
}

const anniversary = defineOperator<{ amount: number }>({
  key: "anniversary_in_next",
  label: "has an anniversary in the next",
  types: ["date"],
  value: () => anniversaryValue,
  bind({ amount }, { clock }) {
    const keys = anniversaryKeys(clock.today, amount);
    const set = new Set(keys);
    return {
      sql: (f, q) => q.sql`(${f.value} IS NOT NULL AND ${f.monthDay} = ANY(${keys}::text[]))`,
      test: (x) => typeof x === "string" && set.has(monthDay(x)),
    };
  },
});

/** Number, money, date and datetime operators. */
export const ORDERED_OPERATORS: readonly Operator[] = [
  eq,
  negationOf(eq, "neq", "is not"),
  comparison("lt", "is less than"),
  comparison("lte", "is at most"),
  comparison("gt", "is greater than"),
  comparison("gte", "is at least"),
  between,
  // From the start of the day N units ago up to now (dates: up to and including today).
  relative("in_last", "in the last", (d, clock, { amount, unit }) => ({
    lo: d.day(addUnits(clock.today, -amount, unit), clock).lo,
    hi: { value: d.now(clock), inclusive: true },
  })),
  // Before the start of the day N units ago.
  relative("more_than_ago", "more than … ago", (d, clock, { amount, unit }) => {
    const start = d.day(addUnits(clock.today, -amount, unit), clock).lo;
    return { hi: { value: start.value, inclusive: false } };
  }),
  // From now (dates: today) to the end of the day N units from today.
  relative("in_next", "in the next", (d, clock, { amount, unit }) => ({
    lo: { value: d.now(clock), inclusive: true },
    hi: d.day(addUnits(clock.today, amount, unit), clock).hi,
  })),
  anniversary,
];
