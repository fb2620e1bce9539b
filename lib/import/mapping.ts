/**
 * The mapping step: a proposed target for each column (by name similarity to target keys, labels
 * and common aliases), the column mapping a command-line mapping file describes, and the type a
 * new custom field made from a column should get. Pure.
 */
import { slugifyKey } from "@/lib/custom-fields/schemas";
import { AppError } from "@/lib/errors";
import type { CustomFieldType, FieldOption } from "@/lib/fields/types";
import { detectDateFormat } from "./dates";
import { similarity } from "./similarity";
import { findTarget, propertyTarget, type ImportTarget, type ImportType } from "./targets";

/** A proposal below this similarity is no proposal: the column starts unmapped. */
export const PROPOSAL_THRESHOLD = 0.8;

/** A proposed target for one column, with how sure we are (0–1). */
export interface Proposal {
  index: number;
  target: string | null;
  score: number;
}

// An alias ("mail" for email) counts a little less than the key or label, so "Email" beats "Mail".
function bestScore(header: string, target: ImportTarget): number {
  const own = Math.max(similarity(header, target.key), similarity(header, target.label));
  const alias = Math.max(0, ...(target.aliases ?? []).map((name) => similarity(header, name) * 0.97));
  return Math.max(own, alias);
}

/**
 * Proposes a target per column: the most similar target above the threshold, each target used
 * at most once (the best-matching column wins it). In an events import the other columns are
 * proposed as event properties.
 */
export function proposeMapping(headers: readonly string[], targets: readonly ImportTarget[], type: ImportType): Proposal[] {
  const pairs: { index: number; target: string; score: number }[] = [];
  headers.forEach((header, index) => {
    if (header === "") return;
    for (const target of targets) {
      const score = bestScore(header, target);
      if (score >= PROPOSAL_THRESHOLD) pairs.push({ index, target: target.key, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  const byColumn = new Map<number, { target: string; score: number }>();
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (byColumn.has(pair.index) || taken.has(pair.target)) continue;
    byColumn.set(pair.index, pair);
    taken.add(pair.target);
  }
  return headers.map((header, index) => {
    const chosen = byColumn.get(index);
    if (chosen) return { index, target: chosen.target, score: Math.round(chosen.score * 100) / 100 };
    if (type === "events" && header !== "") return { index, target: propertyTarget(header), score: 0 };
    return { index, target: null, score: 0 };
  });
}

/** One mapped column: its position in the file and its target key. */
export interface ColumnMapping {
  index: number;
  target: string;
}

/**
 * The mapping a command-line run uses: a JSON object header → target key when given (headers it
 * does not name are ignored), else every header equal to a target key maps to itself.
 */
export function mappingFromHeaders(headers: readonly string[], targets: readonly ImportTarget[], type: ImportType, file?: Record<string, string>): ColumnMapping[] {
  const seen = new Map<string, number>();
  headers.forEach((h, index) => {
    if (!seen.has(h)) seen.set(h, index);
  });
  if (!file) {
    return headers.flatMap((header, index) => (seen.get(header) === index && findTarget(targets, type, header) ? [{ index, target: header }] : []));
  }
  const missing = Object.keys(file).filter((header) => !seen.has(header));
  if (missing.length > 0) {
    throw new AppError("invalid", `The mapping names columns the file does not have: ${missing.map((m) => `"${m}"`).join(", ")}. The file's columns are: ${headers.map((h) => `"${h}"`).join(", ")}.`);
  }
  const duplicated = Object.keys(file).filter((header) => headers.filter((h) => h === header).length > 1);
  if (duplicated.length > 0) throw new AppError("invalid", `The file has more than one column named ${duplicated.map((d) => `"${d}"`).join(", ")}; rename them so the mapping is clear.`);
  return Object.entries(file)
    .filter(([, target]) => target !== "")
    .map(([header, target]) => ({ index: seen.get(header)!, target }));
}

/** What a new custom field made from a column should be: its type and, for select types, the options found. */
export interface FieldGuess {
  type: CustomFieldType;
  options: FieldOption[];
}

const BOOLEAN_WORDS = new Set(["true", "false", "yes", "no", "1", "0", "y", "n"]);
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** At most this many distinct values make a select field rather than text. */
export const MAX_GUESSED_OPTIONS = 20;

/** An option key for a value: its slug, as custom field keys are made ("2n Cycle" → "2n_cycle"). */
export function optionKey(value: string): string {
  return slugifyKey(value) || "option";
}

function optionsOf(values: readonly string[]): FieldOption[] {
  const options: FieldOption[] = [];
  const keys = new Set<string>();
  for (const value of values) {
    const base = optionKey(value);
    let key = base;
    for (let n = 2; keys.has(key); n++) key = `${base}_${n}`;
    if (options.some((o) => o.label.toLowerCase() === value.toLowerCase())) continue;
    keys.add(key);
    options.push({ key, label: value });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label));
}

// Distinct values ignoring case, each as first written.
function firstSpellings(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()];
}

/**
 * Guesses a custom field type from a column's sample values: yes/no words → boolean, numbers →
 * number, dates → date, ";"-separated lists from a small vocabulary → multiselect, a small set of
 * repeated values → select, anything else → text.
 */
export function guessFieldType(values: readonly string[]): FieldGuess {
  const sample = values.map((v) => v.trim()).filter((v) => v !== "");
  if (sample.length === 0) return { type: "text", options: [] };
  if (sample.every((v) => BOOLEAN_WORDS.has(v.toLowerCase()))) return { type: "boolean", options: [] };
  if (sample.every((v) => NUMBER_RE.test(v))) return { type: "number", options: [] };
  const dates = detectDateFormat(sample);
  if (dates && dates.matched === dates.sampled) return { type: "date", options: [] };
  const repeated = (distinct: number, of: number) => distinct <= MAX_GUESSED_OPTIONS && distinct <= Math.max(2, of * 0.7);
  if (sample.some((v) => v.includes(";"))) {
    const items = sample.flatMap((v) => v.split(";").map((i) => i.trim()).filter((i) => i !== ""));
    const distinct = firstSpellings(items);
    if (repeated(distinct.length, items.length)) return { type: "multiselect", options: optionsOf(distinct) };
    return { type: "text", options: [] };
  }
  const distinct = firstSpellings(sample);
  if (sample.length >= 4 && repeated(distinct.length, sample.length)) return { type: "select", options: optionsOf(distinct) };
  return { type: "text", options: [] };
}
