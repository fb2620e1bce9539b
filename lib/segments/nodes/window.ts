/** Time windows of orders and event conditions: ever, the last N days/weeks/months, or between two dates. */
import { z } from "zod";
import { LIMITS } from "../limits";
import { inRange, type ValueRange } from "../ranges";
import { addDays, addUnits, type Clock } from "../time";
import { dateValue } from "../values";
import type { Sql, SqlKit } from "../operators";

/** A window as written in a definition (absent means ever). */
export const windowSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("ever") }),
    z.strictObject({
      type: z.literal("last"),
      amount: z.int("amount must be a whole number").min(1, "amount must be at least 1").max(LIMITS.relativeAmount, `amount must be at most ${LIMITS.relativeAmount}`),
      unit: z.enum(["day", "week", "month"], { error: 'unit must be "day", "week" or "month"' }),
    }),
    z
      .strictObject({ type: z.literal("between"), from: dateValue, to: dateValue })
      .refine((w) => w.from <= w.to, { path: ["to"], message: '"to" must not be before "from"' }),
  ],
  { error: 'window must be { "type": "ever" }, { "type": "last", … } or { "type": "between", … }' },
);
export type Window = z.infer<typeof windowSchema>;

/**
 * The instants (epoch ms) a window covers: "last N units" runs from the start of the day N units
 * before today up to now; "between" covers whole days in the workspace zone, both ends included.
 */
export function windowRange(window: Window | undefined, clock: Clock): ValueRange {
  if (!window || window.type === "ever") return {};
  if (window.type === "last") {
    return {
      lo: { value: clock.startOfDay(addUnits(clock.today, -window.amount, window.unit)), inclusive: true },
      hi: { value: clock.now, inclusive: true },
    };
  }
  return {
    lo: { value: clock.startOfDay(window.from), inclusive: true },
    hi: { value: clock.startOfDay(addDays(window.to, 1)), inclusive: false },
  };
}

/** Whether instant ms lies in the window's range. */
export function inWindow(ms: number, range: ValueRange): boolean {
  return inRange(ms, range, (a, b) => a - b);
}

/** SQL conditions putting a timestamptz column in the window's range (none for ever). */
export function windowSql(column: Sql, range: ValueRange, q: SqlKit): Sql[] {
  const at = (ms: string | number) => q.sql`${new Date(ms).toISOString()}::timestamptz`;
  const parts: Sql[] = [];
  if (range.lo) parts.push(q.sql`${column} ${q.raw(range.lo.inclusive ? ">=" : ">")} ${at(range.lo.value)}`);
  if (range.hi) parts.push(q.sql`${column} ${q.raw(range.hi.inclusive ? "<=" : "<")} ${at(range.hi.value)}`);
  return parts;
}
