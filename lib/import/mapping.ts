/**
 * The mapping step: a proposed target for each column (by name: target keys, labels and common
 * aliases; custom fields also by similar names), with the reason, the column mapping a command-line mapping file describes, and the type a
 * new custom field made from a column should get. Pure.
 */
import { slugifyKey } from "@/lib/custom-fields/schemas";
import { AppError } from "@/lib/errors";
import { readNumber } from "@/lib/customers/numbers";
import { CUSTOM_PREFIX } from "@/lib/fields/catalog";
import type { CustomFieldType, FieldOption } from "@/lib/fields/types";
import { detectDateFormat } from "./dates";
import { compactName, similarity, wordsWithin } from "./similarity";
import { findTarget, propertyTarget, type ImportTarget, type ImportType } from "./targets";

/**
 * Suggestions from a merely similar name need this similarity (0–1, edit distance and shared
 * words, see similarity.ts), and are made for custom fields only. A standard field is suggested
 * only when the header is its name, its label or a known alias (case, punctuation and filler words
 * like "address" or "number" aside): "Channels" is not suggested as Source however alike the words.
 */
export const SUGGESTION_THRESHOLD = 0.8;

/** The score of a header whose words all appear in a custom field's label ("Points" → "Loyalty points"). */
const LABEL_WORDS_SCORE = 0.85;

/** Why a column was matched to its target, for the mapping table. */
export type MatchReason =
  | { kind: "name"; label: string }
  | { kind: "alias"; label: string; alias: string }
  | { kind: "custom-key" | "custom-label" | "custom-words"; label: string }
  | { kind: "similar"; label: string; score: number };

/** A proposed target for one column, how sure we are (0–1) and why; `nearest` explains an unmapped column. */
export interface Proposal {
  index: number;
  target: string | null;
  score: number;
  reason: MatchReason | null;
  /** For an unmapped column: the most similar target, below the threshold. */
  nearest?: { label: string; score: number };
}

/** The reason in a marketer's words: "same name", "matches the label of custom field Tier", "similar to Tier, 82%". */
export function describeReason(reason: MatchReason): string {
  switch (reason.kind) {
    case "name":
      return "Same name";
    case "alias":
      return `“${reason.alias}” is a usual name for ${reason.label}`;
    case "custom-key":
      return `Matches the key of custom field ${reason.label}`;
    case "custom-label":
      return `Matches the label of custom field ${reason.label}`;
    case "custom-words":
      return `Part of the label of custom field ${reason.label}`;
    case "similar":
      return `Similar to ${reason.label}, ${Math.round(reason.score * 100)}%`;
  }
}

function isCustom(target: ImportTarget): boolean {
  return target.key.startsWith(CUSTOM_PREFIX) && target.field?.source.kind === "attribute";
}

// The best reason to map header to target, with its score, or null when there is none.
function match(header: string, target: ImportTarget): { score: number; reason: MatchReason } | null {
  const name = compactName(header);
  const label = target.label;
  if (isCustom(target)) {
    const source = target.field!.source as { key: string };
    if (name === compactName(label)) return { score: 1, reason: { kind: "custom-label", label } };
    if (name === compactName(source.key) || name === compactName(target.key)) return { score: 1, reason: { kind: "custom-key", label } };
    if (wordsWithin(header, label)) return { score: LABEL_WORDS_SCORE, reason: { kind: "custom-words", label } };
    const score = Math.max(similarity(header, label), similarity(header, source.key));
    return score >= SUGGESTION_THRESHOLD ? { score, reason: { kind: "similar", label, score } } : null;
  }
  if (name === compactName(target.key) || name === compactName(label)) return { score: 1, reason: { kind: "name", label } };
  // An alias counts a little less than the key or label, so "Email" beats "Mail" for the email.
  const alias = (target.aliases ?? []).find((a) => compactName(a) === name);
  return alias ? { score: 0.97, reason: { kind: "alias", label, alias } } : null;
}

function nearest(header: string, targets: readonly ImportTarget[]): Proposal["nearest"] {
  let best: { label: string; score: number } | undefined;
  for (const target of targets) {
    const score = Math.max(similarity(header, target.label), ...(target.aliases ?? []).map((a) => similarity(header, a)));
    if (score >= 0.5 && (!best || score > best.score)) best = { label: target.label, score: Math.round(score * 100) / 100 };
  }
  return best;
}

/**
 * Proposes a target per column: the best match (see match) above the threshold, each target used
 * at most once (the best-matching column wins it). In an events import the other columns are
 * proposed as event properties; other unmapped columns name their nearest target, for the hint.
 */
export function proposeMapping(headers: readonly string[], targets: readonly ImportTarget[], type: ImportType): Proposal[] {
  const pairs: { index: number; target: string; score: number; reason: MatchReason; standard: boolean }[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === "") return;
    for (const target of targets) {
      const found = match(header, target);
      if (found) pairs.push({ index, target: target.key, ...found, standard: !isCustom(target) });
    }
  });
  // Best score first; on a tie a standard field before a custom one, then the earlier column.
  pairs.sort((a, b) => b.score - a.score || Number(b.standard) - Number(a.standard) || a.index - b.index);
  const byColumn = new Map<number, (typeof pairs)[number]>();
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (byColumn.has(pair.index) || taken.has(pair.target)) continue;
    byColumn.set(pair.index, pair);
    taken.add(pair.target);
  }
  return headers.map((header, index): Proposal => {
    const chosen = byColumn.get(index);
    if (chosen) return { index, target: chosen.target, score: Math.round(chosen.score * 100) / 100, reason: chosen.reason };
    if (type === "events" && header !== "") return { index, target: propertyTarget(header), score: 0, reason: null };
    const near = header.trim() === "" ? undefined : nearest(header, targets);
    return { index, target: null, score: 0, reason: null, ...(near ? { nearest: near } : {}) };
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
  // "54,700", "54 700" and "1.234,5" are numbers too (numbers.ts), read as the column's format says.
  if (sample.every((v) => readNumber(v, ".") !== null || readNumber(v, ",") !== null)) return { type: "number", options: [] };
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
