/**
 * How a field is reached in a JS customer record, mirroring ./sql: the same empties, the same
 * type guards on custom attributes (a value of the wrong JSON type reads as empty).
 */
import { ageOn, type LocalDate } from "@/lib/segments/time";
import type { CustomerRow, FieldDefinition } from "./types";

/**
 * A field's value, normalized; every empty value (null, missing, "", []) is null.
 * text, select: string · number, money: decimal string or number · date: "YYYY-MM-DD" ·
 * datetime: epoch ms · boolean: boolean · multiselect, tags: non-empty array.
 */
export type FieldValue = string | number | boolean | readonly unknown[] | null;

/** Custom date values are ISO dates; anything else (and any other JSON type) is empty. */
export const CUSTOM_DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function attributeValue(field: FieldDefinition, raw: unknown): FieldValue {
  switch (field.type) {
    case "text":
    case "select":
      return typeof raw === "string" && raw !== "" ? raw : null;
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    case "date":
      return typeof raw === "string" && CUSTOM_DATE_PATTERN.test(raw) ? raw : null;
    case "boolean":
      return typeof raw === "boolean" ? raw : null;
    case "multiselect":
      return Array.isArray(raw) && raw.length > 0 ? raw : null;
    default:
      return null;
  }
}

function columnValue(raw: unknown): FieldValue {
  if (raw === null || raw === undefined || raw === "") return null;
  if (raw instanceof Date) return raw.getTime();
  if (Array.isArray(raw)) return raw.length > 0 ? raw : null;
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  return null;
}

/** The normalized value of field in a customer row; today (workspace zone) is for age. */
export function readField(field: FieldDefinition, customer: CustomerRow, today: LocalDate): FieldValue {
  const source = field.source;
  switch (source.kind) {
    case "column":
      return columnValue(customer[source.column]);
    case "age":
      return customer.birthDate ? ageOn(customer.birthDate, today) : null;
    case "attribute":
      return Object.hasOwn(customer.attributes, source.key) ? attributeValue(field, customer.attributes[source.key]) : null;
    case "prediction":
      return customer.prediction ? columnValue(customer.prediction[source.column]) : null;
  }
}
