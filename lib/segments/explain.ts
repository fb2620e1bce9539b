/** Explain: the definition tree evaluated for one customer, each node with its result and what was measured. */
import type { FieldCatalog } from "@/lib/fields/catalog";
import type { FieldValue } from "@/lib/fields/read";
import { prepareDefinition, referencedDefinition, type EvaluateOptions, type PreparedDefinition } from "./evaluate";
import { evaluateEventNode } from "./nodes/event";
import { evaluateFieldNode } from "./nodes/field";
import { evaluateOrdersNode } from "./nodes/orders";
import { evaluateRfmNode } from "./nodes/rfm";
import type { CustomerRecord } from "./record";
import type { ConditionNode, SegmentDefinition } from "./schema";

/** One node of an explanation. */
export interface ExplainNode {
  /** Where the node is in its definition, e.g. "root.children[1]". */
  path: string;
  /** The node as written (a group without its children). */
  node: Exclude<ConditionNode, { type: "group" }> | { type: "group"; combinator: "and" | "or"; negate: boolean };
  result: boolean;
  /** Group: the children's explanations. Segment: the referenced definition's root. */
  children?: ExplainNode[];
  /** Field conditions: the customer's value (datetimes as ISO instants; null when empty). */
  actual?: FieldValue;
  /** Orders and event conditions: the count, sum or average compared (null: no orders to average). */
  measured?: number | string | null;
}

function explainNode(node: ConditionNode, path: string, record: CustomerRecord, prepared: PreparedDefinition): ExplainNode {
  const { env } = prepared;
  switch (node.type) {
    case "group": {
      const children = node.children.map((c, i) => explainNode(c, `${path}.children[${i}]`, record, prepared));
      const hit = node.combinator === "and" ? children.every((c) => c.result) : children.some((c) => c.result);
      return { path, node: { type: "group", combinator: node.combinator, negate: node.negate }, result: node.negate ? !hit : hit, children };
    }
    case "field": {
      const bound = prepared.field(node);
      const { result, actual } = evaluateFieldNode(node, bound, record, env);
      const shown = bound.field.type === "datetime" && typeof actual === "number" ? new Date(actual).toISOString() : actual;
      return { path, node, result, actual: shown };
    }
    case "orders": {
      const { result, measured } = evaluateOrdersNode(node, record, env);
      return { path, node, result, measured };
    }
    case "event": {
      const { result, measured } = evaluateEventNode(node, record, env);
      return { path, node, result, measured };
    }
    case "segment": {
      const inner = explainNode(referencedDefinition(prepared, node.segmentId).root, "root", record, prepared);
      return { path, node, result: node.operator === "in" ? inner.result : !inner.result, children: [inner] };
    }
    case "rfm": {
      const { result, measured } = evaluateRfmNode(node, record, env);
      return { path, node, result, measured };
    }
  }
}

/** Explains a definition for one customer: the tree with each node's result (and measures). */
export function explainDefinition(definition: SegmentDefinition | unknown, catalog: FieldCatalog, record: CustomerRecord, options: EvaluateOptions): ExplainNode {
  const prepared = prepareDefinition(definition, catalog, options);
  return explainNode(prepared.definition.root, "root", record, prepared);
}
