/** The field node: a catalog field, an operator of the registry, and the operator's value. */
import { z } from "zod";
import { findField, type FieldDefinition } from "@/lib/fields/catalog";
import { readField, type FieldValue } from "@/lib/fields/read";
import type { CustomerRecord } from "../record";
import { findOperator, isOperatorKey, operatorsFor, type BoundCondition, type Sql } from "../operators";
import { definitionString } from "../values";
import type { EvalEnv, SqlEnv } from "./env";

/** A field condition as written; field, operator and value are checked against the catalog by checkFieldNode. */
export const fieldNodeSchema = z.strictObject({
  type: z.literal("field"),
  field: definitionString,
  operator: definitionString,
  value: z.unknown().optional(),
});
export type FieldNode = z.infer<typeof fieldNodeSchema>;

/** A problem with one part of a node: path relative to the node, and what is wrong. */
export interface NodeIssue {
  path: (string | number)[];
  message: string;
}

/** Checks field, operator and value against the catalog and the operator registry. */
export function checkFieldNode(node: FieldNode, env: Pick<EvalEnv, "catalog">): NodeIssue[] {
  const field = findField(env.catalog, node.field);
  if (!field) return [{ path: ["field"], message: `unknown field ${JSON.stringify(node.field)}` }];
  if (!isOperatorKey(node.operator)) return [{ path: ["operator"], message: `unknown operator ${JSON.stringify(node.operator)}` }];
  const op = findOperator(node.operator, field.type);
  if (!op) {
    const allowed = operatorsFor(field.type).map((o) => o.key);
    return [{ path: ["operator"], message: `${node.operator} does not apply to ${field.type} field ${field.key} (allowed: ${[...new Set(allowed)].join(", ")})` }];
  }
  const schema = op.valueSchema(field);
  if (!schema) return node.value === undefined ? [] : [{ path: ["value"], message: `${node.operator} takes no value` }];
  if (node.value === undefined) return [{ path: ["value"], message: `${node.operator} needs a value` }];
  const parsed = schema.safeParse(node.value);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: ["value", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: i.message }));
}

function resolve(node: FieldNode, env: Pick<EvalEnv, "catalog">): { field: FieldDefinition; op: NonNullable<ReturnType<typeof findOperator>> } {
  const field = findField(env.catalog, node.field);
  const op = field && findOperator(node.operator, field.type);
  if (!field || !op) throw new Error(`invalid field condition ${node.field} ${node.operator}`);
  return { field, op };
}

/** The operator bound to the node's value. */
export function bindFieldNode(node: FieldNode, env: EvalEnv): { field: FieldDefinition; bound: BoundCondition } {
  const { field, op } = resolve(node, env);
  return { field, bound: op.bind(node.value, { field, clock: env.clock }) };
}

/** The node as a two-valued SQL predicate over "Customer" c. */
export function fieldNodeSql(node: FieldNode, env: SqlEnv): Sql {
  const { field, bound } = bindFieldNode(node, env);
  return bound.sql(env.fieldSql(field), env.q);
}

/** The node's result for one customer, with the field's value. */
export function evaluateFieldNode(node: FieldNode, bound: { field: FieldDefinition; bound: BoundCondition }, record: CustomerRecord, env: EvalEnv): { result: boolean; actual: FieldValue } {
  const actual = readField(bound.field, record.customer, env.clock.today);
  return { result: bound.bound.test(actual), actual };
}
