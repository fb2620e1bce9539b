/** What the value picker may ask for (zod, shared by the server action and the picker). Client-safe. */
import { z } from "zod";
import { LIMITS } from "./limits";

const name = z.string().trim().min(1).max(LIMITS.string);

/** Where values come from: a catalog field, event names, one event property's values, order item categories. */
export const valueSourceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("field"), field: name }),
  z.strictObject({ kind: z.literal("event") }),
  z.strictObject({ kind: z.literal("eventProperty"), property: name, event: name.optional() }),
  z.strictObject({ kind: z.literal("category") }),
]);
export type ValueSource = z.infer<typeof valueSourceSchema>;

/** The picker's list: the most common values, optionally containing a search text. */
export const listValuesSchema = z.object({ source: valueSourceSchema, search: z.string().max(LIMITS.string).optional() });

/** The warning's check: which of these values no customer has. */
export const missingValuesSchema = z.object({ source: valueSourceSchema, values: z.array(z.string().max(LIMITS.string)).min(1).max(50) });

/** One value and how many customers have it (for events and categories: how many customers had it). */
export interface ValueCount {
  value: string;
  count: number;
}
