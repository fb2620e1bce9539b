/**
 * The in-memory evaluator: the same definition, the same semantics as the SQL compiler, on one
 * customer record at a time. It powers "why is this customer in this segment" and is the oracle
 * the compiler is tested against.
 */
import type { FieldCatalog, FieldDefinition } from "@/lib/fields/catalog";
import { InvalidDefinitionError } from "./errors";
import type { EvalEnv } from "./nodes/env";
import { evaluateEventNode } from "./nodes/event";
import { bindFieldNode, evaluateFieldNode, type FieldNode } from "./nodes/field";
import { evaluateOrdersNode } from "./nodes/orders";
import { evaluateRfmNode } from "./nodes/rfm";
import type { RfmContext } from "@/lib/rfm/context";
import type { BoundCondition } from "./operators";
import type { CustomerRecord } from "./record";
import { resolveDefinition, type ConditionNode, type SegmentDefinition, type SegmentResolver } from "./schema";
import { createClock } from "./time";

export type { CustomerRecord, CustomerRow, EventRecord, OrderItemRecord, OrderRecord } from "./record";

/** Inputs of evaluation besides the definition, the catalog and the record. */
export interface EvaluateOptions {
  now: Date;
  /** The workspace's IANA time zone: "today" and day boundaries. */
  timeZone: string;
  /** Stored definitions of the workspace's segments, for segment conditions. */
  resolveSegment?: SegmentResolver;
  /** RFM scoring for rfm conditions (the same context the compiler gets). */
  rfm?: RfmContext;
}

/** A definition made ready for many records: validated, references resolved, operators bound once. */
export interface PreparedDefinition {
  definition: SegmentDefinition;
  references: ReadonlyMap<string, SegmentDefinition>;
  env: EvalEnv;
  field(node: FieldNode): { field: FieldDefinition; bound: BoundCondition };
}

/** Validates and prepares a definition; throws InvalidDefinitionError when it is invalid. */
export function prepareDefinition(definition: SegmentDefinition | unknown, catalog: FieldCatalog, options: EvaluateOptions): PreparedDefinition {
  const result = resolveDefinition(definition, catalog, { resolveSegment: options.resolveSegment });
  if (!result.ok) throw new InvalidDefinitionError(result.errors);
  const env: EvalEnv = { clock: createClock(options.now, options.timeZone), catalog, rfm: options.rfm };
  const bound = new WeakMap<FieldNode, { field: FieldDefinition; bound: BoundCondition }>();
  return {
    ...result.resolved,
    env,
    field(node) {
      let b = bound.get(node);
      if (!b) {
        b = bindFieldNode(node, env);
        bound.set(node, b);
      }
      return b;
    },
  };
}

/** A referenced segment's definition (resolved during preparation). */
export function referencedDefinition(prepared: PreparedDefinition, segmentId: string): SegmentDefinition {
  const definition = prepared.references.get(segmentId);
  if (!definition) throw new InvalidDefinitionError([{ path: "root", message: `unknown segment ${segmentId}` }]);
  return definition;
}

/** Whether a node holds for the record. */
export function evaluateNode(node: ConditionNode, record: CustomerRecord, prepared: PreparedDefinition): boolean {
  switch (node.type) {
    case "group": {
      const hit = node.combinator === "and"
        ? node.children.every((c) => evaluateNode(c, record, prepared))
        : node.children.some((c) => evaluateNode(c, record, prepared));
      return node.negate ? !hit : hit;
    }
    case "field":
      return evaluateFieldNode(node, prepared.field(node), record, prepared.env).result;
    case "orders":
      return evaluateOrdersNode(node, record, prepared.env).result;
    case "event":
      return evaluateEventNode(node, record, prepared.env).result;
    case "segment": {
      const hit = evaluateNode(referencedDefinition(prepared, node.segmentId).root, record, prepared);
      return node.operator === "in" ? hit : !hit;
    }
    case "rfm":
      return evaluateRfmNode(node, record, prepared.env).result;
  }
}

/** A membership test for many records: prepares the definition once. */
export function createEvaluator(definition: SegmentDefinition | unknown, catalog: FieldCatalog, options: EvaluateOptions): (record: CustomerRecord) => boolean {
  const prepared = prepareDefinition(definition, catalog, options);
  return (record) => evaluateNode(prepared.definition.root, record, prepared);
}

/** Whether one customer is a member of the segment the definition describes. */
export function evaluateDefinition(definition: SegmentDefinition | unknown, catalog: FieldCatalog, record: CustomerRecord, options: EvaluateOptions): boolean {
  return createEvaluator(definition, catalog, options)(record);
}
