import { newId, type DraftCondition } from "@/lib/segments/builder-tree";

/** The kinds of condition, as the type picker names them. */
export const CONDITION_KINDS = { field: "Customer field", orders: "Orders", event: "Event", segment: "Segment membership", rfm: "RFM segment" } as const;
export type ConditionKind = keyof typeof CONDITION_KINDS;

/** A fresh condition of a kind, with starting values the user then completes. */
export function newCondition(kind: ConditionKind, id: string = newId()): DraftCondition {
  switch (kind) {
    case "orders":
      return { id, type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 90, unit: "day" } };
    case "event":
      return { id, type: "event", name: undefined, operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } };
    case "segment":
      return { id, type: "segment", operator: "in", segmentId: undefined };
    case "rfm":
      return { id, type: "rfm", operator: "in", value: [] };
    default:
      return { id, type: "field", field: undefined, operator: undefined };
  }
}
