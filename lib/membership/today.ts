/**
 * Which definitions move with the clock, so stored membership knows when to re-evaluate without
 * a write. Pure. Two kinds (SEGMENT_FORMAT.md, "Time"):
 * - dependsOnToday: the condition's bounds are days counted from today (relative dates, age,
 *   anniversaries, "last N" windows). They move at local midnight: re-evaluate in full after it.
 * - nowSources: the bounds that are "now" itself, to the millisecond — `in_last` / `in_next` on a
 *   datetime field, and "last N" windows of orders and events (up to now). A datetime later than
 *   the evaluation's now enters or leaves such a condition when now passes it, at any time of day.
 *   Only those rows can move, so the catch-up re-evaluates just the customers with such a value
 *   between two instants (see ./clock.ts).
 * RFM conditions are scored against the stored RFM run (its analysis date), not today: they move
 * with the RFM refresh (cause rfm_refresh), not at midnight.
 */
import type { FieldCatalog } from "@/lib/fields/catalog";
import { findField } from "@/lib/fields/catalog";
import { walkNodes, type ConditionNode, type SegmentDefinition } from "@/lib/segments/schema";

/** Definitions of saved segments by id, for segment conditions. */
export type DefinitionLookup = (segmentId: string) => SegmentDefinition | undefined;

const RELATIVE = new Set(["in_last", "more_than_ago", "in_next", "anniversary_in_next"]);
const NOW_RELATIVE = new Set(["in_last", "in_next"]);
const EMPTINESS = new Set(["is_empty", "is_not_empty"]);

/** Every node of a definition and of the saved segments it refers to (each segment once). */
function eachNode(definition: SegmentDefinition, lookup: DefinitionLookup | undefined, visit: (node: ConditionNode) => void): void {
  const seen = new Set<string>();
  const walk = (d: SegmentDefinition) =>
    walkNodes(d.root, "root", (node) => {
      visit(node);
      if (node.type !== "segment" || !lookup) return;
      const id = node.segmentId.toLowerCase();
      if (seen.has(id)) return;
      seen.add(id);
      const referenced = lookup(id);
      if (referenced) walk(referenced);
    });
  walk(definition);
}

/** Whether one node's result can change when the local day changes, data unchanged. */
function nodeDependsOnToday(node: ConditionNode): boolean {
  switch (node.type) {
    case "field":
      if (RELATIVE.has(node.operator)) return true;
      return node.field === "age" && !EMPTINESS.has(node.operator);
    case "orders":
    case "event":
      return node.window?.type === "last";
    default:
      return false;
  }
}

/** Whether the definition (with the segments it refers to) can change membership at local midnight without a write. */
export function dependsOnToday(definition: SegmentDefinition, lookup?: DefinitionLookup): boolean {
  let found = false;
  eachNode(definition, lookup, (node) => {
    if (nodeDependsOnToday(node)) found = true;
  });
  return found;
}

/** The values a definition compares with "now" itself (not a day boundary). */
export interface NowSources {
  /** Datetime fields (catalog keys) under in_last / in_next. */
  fields: string[];
  /** Some orders condition has a "last N" window. */
  orders: boolean;
  /** Event names under a "last N" window. */
  events: string[];
}

/** What in the definition moves with the time of day; null when nothing does. */
export function nowSources(definition: SegmentDefinition, catalog: FieldCatalog, lookup?: DefinitionLookup): NowSources | null {
  const fields = new Set<string>();
  const events = new Set<string>();
  let orders = false;
  eachNode(definition, lookup, (node) => {
    if (node.type === "field" && NOW_RELATIVE.has(node.operator) && findField(catalog, node.field)?.type === "datetime") fields.add(node.field);
    if (node.type === "orders" && node.window?.type === "last") orders = true;
    if (node.type === "event" && node.window?.type === "last") events.add(node.name);
  });
  if (fields.size === 0 && !orders && events.size === 0) return null;
  return { fields: [...fields].sort(), orders, events: [...events].sort() };
}
