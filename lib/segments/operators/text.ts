/** Operators of text and select fields: text ignores case, select option keys compare exactly. */
import { ignoresCase, type FieldDefinition } from "@/lib/fields/catalog";
import { foldCase, likePattern } from "../text";
import { listOf, optionValue, textValue } from "../values";
import { defineOperator, negationOf, type Operator } from "./define";

const keyOf = (field: FieldDefinition, s: string) => (ignoresCase(field) ? foldCase(s) : s);
const oneValue = (field: FieldDefinition) => (field.type === "select" ? optionValue(field) : textValue);

/** eq on text / select. */
export const textEq = defineOperator<string>({
  key: "eq",
  label: "is",
  types: ["text", "select"],
  value: oneValue,
  bind(value, { field }) {
    const key = keyOf(field, value);
    return {
      sql: (f) => f.keyIn([key]),
      test: (x) => typeof x === "string" && keyOf(field, x) === key,
    };
  },
});

/** in on text / select. */
export const textIn = defineOperator<string[]>({
  key: "in",
  label: "is any of",
  types: ["text", "select"],
  value: (field) => listOf(oneValue(field)),
  bind(values, { field }) {
    const keys = [...new Set(values.map((v) => keyOf(field, v)))];
    const set = new Set(keys);
    return {
      sql: (f) => f.keyIn(keys),
      test: (x) => typeof x === "string" && set.has(keyOf(field, x)),
    };
  },
});

function like(key: "contains" | "starts_with" | "ends_with", label: string, where: "contains" | "starts" | "ends"): Operator {
  return defineOperator<string>({
    key,
    label,
    types: ["text"],
    value: () => textValue,
    bind(value) {
      const needle = foldCase(value);
      const pattern = likePattern(needle, where);
      const matches = (s: string) => (where === "starts" ? s.startsWith(needle) : where === "ends" ? s.endsWith(needle) : s.includes(needle));
      return {
        sql: (f, q) => q.sql`(${f.value} IS NOT NULL AND ${f.key} LIKE ${pattern}::text)`,
        test: (x) => typeof x === "string" && matches(foldCase(x)),
      };
    },
  });
}

const contains = like("contains", "contains", "contains");

/** Text and select operators. */
export const TEXT_OPERATORS: readonly Operator[] = [
  textEq,
  negationOf(textEq, "neq", "is not"),
  textIn,
  negationOf(textIn, "not_in", "is none of"),
  contains,
  negationOf(contains, "not_contains", "does not contain"),
  like("starts_with", "starts with", "starts"),
  like("ends_with", "ends with", "ends"),
];
