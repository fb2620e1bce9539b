/** zod schemas of condition values (SEGMENT_FORMAT.md "Operators and values"), with messages for people. */
import { z } from "zod";
import type { FieldDefinition } from "@/lib/fields/catalog";
import { LIMITS } from "./limits";
import { isLocalDate } from "./time";

/** A string of a definition: at most LIMITS.string characters, no NUL (PostgreSQL text cannot hold it). */
export const definitionString = z
  .string({ error: "must be a string" })
  .max(LIMITS.string, `must be at most ${LIMITS.string} characters`)
  .refine((s) => !s.includes("\u0000"), "must not contain the NUL character");

/** A non-empty string value: an empty one would match nothing (use is_empty for empty values). */
export const textValue = definitionString.refine((s) => s.length > 0, "must not be empty (use is_empty to match empty values)");

/** An option key of a select or multiselect field. */
export function optionValue(field: FieldDefinition): z.ZodType<string> {
  const keys = (field.options ?? []).map((o) => o.key);
  return z.string({ error: "must be an option key (a string)" }).refine((v) => keys.includes(v), {
    error: (issue) => `${JSON.stringify(issue.input)} is not an option of ${field.label} (options: ${keys.join(", ") || "none"})`,
  });
}

/** A list of 1 to LIMITS.list values. */
export function listOf<T>(item: z.ZodType<T>): z.ZodType<T[]> {
  return z
    .array(item, { error: "must be a list of values" })
    .min(1, "must list at least one value")
    .max(LIMITS.list, `must list at most ${LIMITS.list} values`);
}

/** A number within ±LIMITS.number. */
export const numberValue = z
  .number({ error: "must be a number" })
  .min(-LIMITS.number, `must be at least -${LIMITS.number}`)
  .max(LIMITS.number, `must be at most ${LIMITS.number}`);

/** An amount of money: at most 2 decimal places, within NUMERIC(14,2). */
export const moneyValue = z
  .number({ error: "must be an amount (a number)" })
  .min(-LIMITS.money, `must be at least -${LIMITS.money}`)
  .max(LIMITS.money, `must be at most ${LIMITS.money}`)
  .refine((v) => Math.round(v * 100) / 100 === v, "must have at most 2 decimal places");

/** A count of orders or events: a whole number from 0. */
export const countValue = z
  .number({ error: "must be a count (a whole number)" })
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(LIMITS.count, `must be at most ${LIMITS.count}`);

/** A calendar date "YYYY-MM-DD". */
export const dateValue = z.string({ error: 'must be a date "YYYY-MM-DD"' }).refine(isLocalDate, 'must be a real date "YYYY-MM-DD"');

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether s is an ISO 8601 instant with a zone designator ("2024-05-01T10:00:00Z"). */
export function isInstant(s: string): boolean {
  const m = INSTANT_RE.exec(s);
  return m !== null && isLocalDate(m[1]) && Number.isFinite(Date.parse(s));
}

/** A datetime field's value: a date (whole day in the workspace zone) or an instant with a zone. */
export const datetimeValue = z
  .string({ error: 'must be a date "YYYY-MM-DD" or an ISO 8601 date-time with a zone' })
  .refine((s) => isLocalDate(s) || isInstant(s), 'must be a date "YYYY-MM-DD" or an ISO 8601 date-time with a zone ("…Z" or "…+02:00")');

/** { amount, unit } of in_last / more_than_ago / in_next and "last" windows. */
export const relativeValue = z.strictObject(
  {
    amount: z.int("amount must be a whole number").min(1, "amount must be at least 1").max(LIMITS.relativeAmount, `amount must be at most ${LIMITS.relativeAmount}`),
    unit: z.enum(["day", "week", "month"], { error: 'unit must be "day", "week" or "month"' }),
  },
  { error: 'must be { "amount": N, "unit": "day" | "week" | "month" }' },
);

/** { amount, unit: "day" } of anniversary_in_next. */
export const anniversaryValue = z.strictObject(
  {
    amount: z.int("amount must be a whole number").min(0, "amount must not be negative").max(LIMITS.anniversaryDays, `amount must be at most ${LIMITS.anniversaryDays}`),
    unit: z.literal("day", { error: 'unit must be "day"' }),
  },
  { error: 'must be { "amount": N, "unit": "day" }' },
);

/** [low, high] with low not above high (order given by compare). */
export function betweenOf<T>(item: z.ZodType<T>, compare: (a: T, b: T) => number): z.ZodType<[T, T]> {
  return z
    .tuple([item, item], { error: "must be a list [low, high]" })
    .refine(([a, b]) => compare(a, b) <= 0, "low must not be greater than high");
}
