/**
 * Ready-made segments a marketer starts from on the new-segment page (`?template=<id>`), and the segment
 * "create from this RFM group" opens (`?rfm=<name>`). Each is a plain version 1 definition over standard
 * fields and the usual event names, so it parses against any workspace's catalog. Client-safe.
 */
import { z } from "zod";
import type { GroupNode, SegmentDefinition } from "./schema";

/** A template: what the picker shows and what the builder opens with. */
export interface SegmentTemplate {
  id: string;
  name: string;
  /** One line for the picker and the segment's description. */
  description: string;
  definition: SegmentDefinition;
}

const and = (...children: GroupNode["children"]): SegmentDefinition => ({ version: 1, root: { type: "group", combinator: "and", negate: false, children } });
const or = (...children: GroupNode["children"]): GroupNode => ({ type: "group", combinator: "or", negate: false, children });
const last = (amount: number, unit: "day" | "week" | "month" = "day") => ({ type: "last" as const, amount, unit });

/** The library, in the order the picker lists it. */
export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  {
    id: "engaged-90-days",
    name: "Engaged in the last 90 days",
    description: "Bought, opened an email or visited in the last 90 days.",
    definition: and(or(
      { type: "orders", measure: "count", operator: "gte", value: 1, window: last(90) },
      { type: "event", name: "email_opened", operator: "gte", value: 1, window: last(90) },
      { type: "field", field: "lastSeenAt", operator: "in_last", value: { amount: 90, unit: "day" } },
    )),
  },
  {
    id: "lapsed-buyers",
    name: "Lapsed buyers",
    description: "Have bought before, but nothing in the last 6 months.",
    definition: and(
      { type: "field", field: "ordersCount", operator: "gte", value: 1 },
      { type: "orders", measure: "count", operator: "eq", value: 0, window: last(6, "month") },
    ),
  },
  {
    id: "vips",
    name: "VIPs",
    description: "Spent 2,500 or more in total.",
    definition: and({ type: "field", field: "totalSpent", operator: "gte", value: 2500 }),
  },
  {
    id: "win-back",
    name: "Win-back",
    description: "Bought at least twice, not in the last 90 days, and still accept email.",
    definition: and(
      { type: "field", field: "ordersCount", operator: "gte", value: 2 },
      { type: "field", field: "lastOrderAt", operator: "more_than_ago", value: { amount: 90, unit: "day" } },
      { type: "field", field: "emailOptIn", operator: "is_true" },
    ),
  },
  {
    id: "new-customers",
    name: "New customers",
    description: "Placed their first order in the last 30 days.",
    definition: and({ type: "field", field: "firstOrderAt", operator: "in_last", value: { amount: 30, unit: "day" } }),
  },
  {
    id: "birthdays-next-30-days",
    name: "Birthdays in the next 30 days",
    description: "Customers whose birthday falls within the next 30 days, for a birthday offer.",
    definition: and({ type: "field", field: "birthDate", operator: "anniversary_in_next", value: { amount: 30, unit: "day" } }),
  },
  {
    id: "cart-abandoners",
    name: "Cart abandoners",
    description: "Abandoned a cart in the last 7 days and have not ordered since.",
    definition: and(
      { type: "event", name: "cart_abandoned", operator: "gte", value: 1, window: last(7) },
      { type: "orders", measure: "count", operator: "eq", value: 0, window: last(7) },
    ),
  },
  {
    id: "never-bought",
    name: "Signed up, never bought",
    description: "Accept email but have not placed a paid order yet.",
    definition: and(
      { type: "field", field: "ordersCount", operator: "eq", value: 0 },
      { type: "field", field: "emailOptIn", operator: "is_true" },
    ),
  },
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): SegmentTemplate | undefined {
  return SEGMENT_TEMPLATES.find((t) => t.id === id);
}

/** The segment of one RFM group: its name ("RFM: Champions") and a single rfm condition. */
export function rfmTemplate(group: string): SegmentTemplate {
  return {
    id: `rfm:${group}`,
    name: `RFM: ${group}`,
    description: `Customers in the RFM group “${group}”, scored as of today.`,
    definition: and({ type: "rfm", operator: "in", value: [group] }),
  };
}

/** The new-segment page's search parameters: a template id or an RFM group name (first of a repeated one). */
export const newSegmentSearchSchema = z.object({
  template: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(100).optional()).catch(undefined),
  rfm: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().trim().min(1).max(60).optional()).catch(undefined),
});
