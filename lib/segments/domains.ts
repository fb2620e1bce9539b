/**
 * Ordered value domains of the number, money, date and datetime types: how values of a
 * definition compare with a field's values, and which range of field values a value stands for
 * (a date against a datetime field is the whole day in the workspace zone).
 */
import type { z } from "zod";
import type { FieldType } from "@/lib/fields/catalog";
import { compareDecimal } from "./decimal";
import { pointRange } from "./ranges";
import type { ValueRange } from "./ranges";
import { addDays, isLocalDate, type Clock, type LocalDate } from "./time";
import { dateValue, datetimeValue, isInstant, moneyValue, numberValue } from "./values";

export type OrderedType = "number" | "money" | "date" | "datetime";
type Point = Required<ValueRange>;

/** One ordered type. Field values are decimals (number, money), "YYYY-MM-DD" (date) or epoch ms (datetime). */
export interface OrderedDomain {
  /** Schema of one value in a definition. */
  value: z.ZodType<string | number>;
  /** Orders two values of the same kind (field values, or definition values for between checks). */
  compare(a: string | number, b: string | number): number;
  /** The field values a definition value stands for. */
  point(value: string | number, clock: Clock): Point;
  /** The field values of one local day. */
  day(date: LocalDate, clock: Clock): Point;
  /** "Now" as a field value (today for dates). */
  now(clock: Clock): string | number;
}

const byText = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

const numeric = (value: z.ZodType<number>): OrderedDomain => ({
  value,
  compare: compareDecimal,
  point: (v) => pointRange(v),
  day: () => {
    throw new Error("numbers have no days");
  },
  now: () => {
    throw new Error("numbers have no now");
  },
});

const date: OrderedDomain = {
  value: dateValue,
  compare: byText,
  point: (v) => pointRange(v),
  day: (d) => pointRange(d),
  now: (clock) => clock.today,
};

const wholeDay = (d: LocalDate, clock: Clock): Point => ({
  lo: { value: clock.startOfDay(d), inclusive: true },
  hi: { value: clock.startOfDay(addDays(d, 1)), inclusive: false },
});

const datetime: OrderedDomain = {
  value: datetimeValue,
  // Field values are epoch ms; definition values compare as written when both are dates or both instants.
  compare: (a, b) => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "string" && typeof b === "string" && isInstant(a) && isInstant(b)) return Date.parse(a) - Date.parse(b);
    return typeof a === "string" && typeof b === "string" && isLocalDate(a) && isLocalDate(b) ? byText(a, b) : 0;
  },
  point: (v, clock) => (typeof v === "string" && isLocalDate(v) ? wholeDay(v, clock) : pointRange(typeof v === "number" ? v : Date.parse(v))),
  day: wholeDay,
  now: (clock) => clock.now,
};

/** The ordered domains by field type. */
export const ORDERED_DOMAINS: Readonly<Record<OrderedType, OrderedDomain>> = {
  number: numeric(numberValue),
  money: numeric(moneyValue),
  date,
  datetime,
};

/** The ordered domain of a field type, if it has one. */
export function orderedDomain(type: FieldType): OrderedDomain | undefined {
  return Object.hasOwn(ORDERED_DOMAINS, type) ? ORDERED_DOMAINS[type as OrderedType] : undefined;
}
