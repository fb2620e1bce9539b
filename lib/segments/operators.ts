/**
 * THE operator registry: each entry declares the field types it accepts, its value schema, its SQL
 * and its JS evaluation (./operators/define.ts). A key may have one entry per group of types
 * (eq on text compares case-insensitively, eq on dates by day). Adding an operator is adding an entry.
 */
import type { FieldType } from "@/lib/fields/catalog";
import { OPERATOR_KEYS, type Operator, type OperatorKey } from "./operators/define";
import { ORDERED_OPERATORS } from "./operators/ordered";
import { OTHER_OPERATORS } from "./operators/other";
import { TEXT_OPERATORS } from "./operators/text";

export { OPERATOR_KEYS } from "./operators/define";
export type { BoundCondition, Operator, OperatorEnv, OperatorKey, Sql, SqlKit } from "./operators/define";

/** Every registry entry. */
export const OPERATORS: readonly Operator[] = [...TEXT_OPERATORS, ...ORDERED_OPERATORS, ...OTHER_OPERATORS];

/** Whether key names an operator of version 1. */
export function isOperatorKey(key: string): key is OperatorKey {
  return (OPERATOR_KEYS as readonly string[]).includes(key);
}

/** The entry for operator key on a field of this type, if the type allows it. */
export function findOperator(key: string, type: FieldType): Operator | undefined {
  return OPERATORS.find((op) => op.key === key && op.types.includes(type));
}

/** The operators a field of this type allows, in registry order (for pickers and error messages). */
export function operatorsFor(type: FieldType): Operator[] {
  return OPERATORS.filter((op) => op.types.includes(type));
}
