/** Operators of boolean and list fields, and is_empty / is_not_empty on every type. */
import { ignoresCase } from "@/lib/fields/catalog";
import { foldCase } from "../text";
import { listOf, optionValue, textValue } from "../values";
import { defineOperator, negationOf, type Operator } from "./define";

function boolean(key: "is_true" | "is_false", label: string, wanted: boolean): Operator {
  return defineOperator<undefined>({
    key,
    label,
    types: ["boolean"],
    bind: () => ({
      sql: (f) => f.is(wanted),
      test: (x) => x === wanted,
    }),
  });
}

function list(key: "has_any" | "has_all", label: string): Operator {
  return defineOperator<string[]>({
    key,
    label,
    types: ["multiselect", "tags"],
    value: (field) => listOf(field.type === "multiselect" ? optionValue(field) : textValue),
    bind(values, { field }) {
      const wanted = [...new Set(values.map((v) => (ignoresCase(field) ? foldCase(v) : v)))];
      const has = (x: readonly unknown[], v: string) => x.some((e) => e === v);
      return {
        sql: (f) => (key === "has_any" ? f.hasAny(wanted) : f.hasAll(wanted)),
        test: (x) =>
          Array.isArray(x) && (key === "has_any" ? wanted.some((v) => has(x, v)) : wanted.every((v) => has(x, v))),
      };
    },
  });
}

const hasAny = list("has_any", "has any of");

const isEmpty = defineOperator<undefined>({
  key: "is_empty",
  label: "is empty",
  types: ["text", "number", "money", "date", "datetime", "boolean", "select", "multiselect", "tags"],
  bind: () => ({ sql: (f) => f.isEmpty, test: (x) => x === null }),
});

/** Boolean, list and emptiness operators. */
export const OTHER_OPERATORS: readonly Operator[] = [
  boolean("is_true", "is true", true),
  boolean("is_false", "is false", false),
  hasAny,
  list("has_all", "has all of"),
  negationOf(hasAny, "has_none", "has none of"),
  isEmpty,
  negationOf(isEmpty, "is_not_empty", "is not empty"),
];
