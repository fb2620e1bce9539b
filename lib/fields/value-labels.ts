/**
 * Names for coded values: what the product shows and lets people pick, while the code stays what
 * is stored (ISO country codes, BCP 47 tags, option keys, snake_case codes). Client-safe and pure.
 */
import { PRODUCT_CATEGORIES } from "@/lib/seed/data/catalog";
import { countryName, isCountryCode } from "@/lib/customers/countries";
import type { FieldDefinition } from "./types";

const languageNames = new Intl.DisplayNames(["en"], { type: "language", languageDisplay: "standard", fallback: "none" });

/** "organic_search" → "Organic search"; text that is not a lower-case code is returned as written. */
export function humanizeCode(code: string): string {
  if (!/^[a-z0-9]+([_-][a-z0-9]+)*$/.test(code)) return code;
  const spaced = code.replace(/[_-]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "PL" → "Poland"; an unknown code is shown as stored. */
export function countryLabel(code: string): string {
  const upper = code.toUpperCase();
  return isCountryCode(upper) ? countryName(upper) : code;
}

/** "pl-PL" → "Polish (Poland)"; a tag Intl cannot name is shown as stored. */
export function languageLabel(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag; // not well-formed: show it as stored
  }
}

/** A product category's name: the catalog's for known keys ("toys_games" → "Toys & Games"), else the key humanized. */
export function categoryLabel(key: string): string {
  return PRODUCT_CATEGORIES.find((c) => c.key === key)?.label ?? humanizeCode(key);
}

/** An event name as people read it: "product_viewed" → "Product viewed". */
export function eventLabel(name: string): string {
  return humanizeCode(name);
}

const optionLabel = (value: string, field: FieldDefinition) => field.options?.find((o) => o.key === value)?.label ?? value;

// Standard text fields whose stored values are codes; every other text field shows what is stored.
const BY_KEY: Readonly<Record<string, (value: string) => string>> = {
  country: countryLabel,
  language: languageLabel,
  source: humanizeCode,
  maritalStatus: humanizeCode,
  education: humanizeCode,
  industry: humanizeCode,
};

/** The name of a value of a standard text field by its key ("country", "PL" → "Poland"); other fields' text as written. */
export function textValueLabel(key: string, value: string): string {
  return Object.hasOwn(BY_KEY, key) ? BY_KEY[key](value) : value;
}

/** Whether a field's values are codes with names (so pickers show the name and the code). */
export function hasCodedValues(field: FieldDefinition): boolean {
  return Object.hasOwn(BY_KEY, field.key) || field.type === "select" || field.type === "multiselect";
}

/** The name of one stored value of a field (option label, country name, humanized code, or the value). */
export function valueLabel(field: FieldDefinition, value: string): string {
  if (field.type === "select" || field.type === "multiselect") return optionLabel(value, field);
  return textValueLabel(field.key, value);
}

/** "Poland (PL)": the name, with the code when it differs (for pickers and warnings). */
export function valueLabelWithCode(field: FieldDefinition, value: string): string {
  const label = valueLabel(field, value);
  return label === value || (field.key !== "country" && field.key !== "language") ? label : `${label} (${value})`;
}
