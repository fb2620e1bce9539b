/**
 * The shape of an operator registry entry: the field types it accepts, its value schema, and,
 * bound to a value, its SQL and its JS evaluation. SQL is built with an injected kit (Prisma's
 * sql/join/raw), so the registry itself stays importable from client code.
 */
import type { z } from "zod";
import type { FieldDefinition, FieldType } from "@/lib/fields/catalog";
import type { FieldSql } from "@/lib/fields/sql";
import type { FieldValue } from "@/lib/fields/read";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Clock } from "../time";

export type Sql = Prisma.Sql;

/** Prisma's SQL template helpers, passed in by the compiler. */
export interface SqlKit {
  sql: typeof Prisma.sql;
  join: typeof Prisma.join;
  raw: typeof Prisma.raw;
}

/** Every operator key of version 1. */
export const OPERATOR_KEYS = [
  "eq", "neq", "lt", "lte", "gt", "gte", "between",
  "contains", "not_contains", "starts_with", "ends_with", "in", "not_in",
  "has_any", "has_all", "has_none",
  "in_last", "more_than_ago", "in_next", "anniversary_in_next",
  "is_true", "is_false", "is_empty", "is_not_empty",
] as const;
export type OperatorKey = (typeof OPERATOR_KEYS)[number];

/** What binding an operator to a value needs besides the value. */
export interface OperatorEnv {
  field: FieldDefinition;
  clock: Clock;
}

/** An operator applied to one value: a two-valued SQL predicate and the same test in JS. */
export interface BoundCondition {
  sql(field: FieldSql, q: SqlKit): Sql;
  test(value: FieldValue): boolean;
}

/** One registry entry as written; an operator that takes no value is defineOperator<undefined> without `value`. */
export interface OperatorSpec<V> {
  key: OperatorKey;
  /** How the rule builder says it ("is", "contains", "in the last"). */
  label: string;
  types: readonly FieldType[];
  /** The value schema for a field; leave out for operators that take no value. */
  value?: (field: FieldDefinition) => z.ZodType<V>;
  bind(value: V, env: OperatorEnv): BoundCondition;
}

/** One registry entry, value type erased. */
export interface Operator {
  key: OperatorKey;
  label: string;
  types: readonly FieldType[];
  /** The value schema for a field, or null when the operator takes no value. */
  valueSchema(field: FieldDefinition): z.ZodType | null;
  /** Binds to a value of a definition; throws when the value does not fit (validate first). */
  bind(value: unknown, env: OperatorEnv): BoundCondition;
}

/** Makes a registry entry. */
export function defineOperator<V>(spec: OperatorSpec<V>): Operator {
  return {
    key: spec.key,
    label: spec.label,
    types: spec.types,
    valueSchema: (field) => spec.value?.(field) ?? null,
    bind(value, env) {
      if (!spec.value) {
        if (value !== undefined) throw new Error(`${spec.key} takes no value`);
        return spec.bind(undefined as V, env);
      }
      const parsed = spec.value(env.field).safeParse(value);
      if (!parsed.success) throw new Error(`invalid value for ${spec.key} on ${env.field.key}: ${parsed.error.issues[0]?.message}`);
      return spec.bind(parsed.data, env);
    },
  };
}

/** The negative twin of an operator: true exactly when the positive one is false (so empty values satisfy it). */
export function negationOf(positive: Operator, key: OperatorKey, label: string): Operator {
  return {
    key,
    label,
    types: positive.types,
    valueSchema: positive.valueSchema,
    bind(value, env) {
      const bound = positive.bind(value, env);
      return { sql: (field, q) => q.sql`(NOT ${bound.sql(field, q)})`, test: (x) => !bound.test(x) };
    },
  };
}
