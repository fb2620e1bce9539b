/**
 * Ready-made RFM rule sets a workspace can switch between on the RFM page (docs/decisions/
 * 007-rfm-presets.md): the R package's current 10-segment default, and the classic 11 segments with
 * Hibernating from the package's older vignette, ordered so that every one of them can be assigned.
 */
import { DEFAULT_RFM_RULES, type RfmRule, type ScoreRange } from "./rules";

const rule = (name: string, description: string, recency: ScoreRange, frequency: ScoreRange, monetary: ScoreRange): RfmRule => ({ name, description, recency, frequency, monetary });

/**
 * The 11-segment table (REFERENCE.md §3c; "<= n" read as 1–n). Printed order would never assign
 * four of its names under "first matching rule wins" (Potential Loyalist covers New Customers and
 * Promising, At Risk covers Can't Lose Them, Hibernating equals Lost), so each rule comes before
 * the broader rules that contain it, and Lost is its own description: the lowest scores (1, 1, 1).
 */
export const CLASSIC_11_RFM_RULES: readonly RfmRule[] = [
  rule("Champions", "Bought recently, buy often and spend the most", [4, 5], [4, 5], [4, 5]),
  rule("Can't Lose Them", "Made big purchases and often, but long time ago", [1, 1], [4, 5], [4, 5]),
  rule("Loyal Customers", "Spend good money. Responsive to promotions", [2, 5], [3, 5], [3, 5]),
  rule("New Customers", "Bought more recently, but not often", [4, 5], [1, 1], [1, 1]),
  rule("Promising", "Recent shoppers, but haven't spent much", [3, 4], [1, 1], [1, 1]),
  rule("Potential Loyalist", "Recent customers, spent good amount, bought more than once", [3, 5], [1, 3], [1, 3]),
  rule("Need Attention", "Above average recency, frequency & monetary values", [2, 3], [2, 3], [2, 3]),
  rule("About To Sleep", "Below average recency, frequency & monetary values", [2, 3], [1, 2], [1, 2]),
  rule("At Risk", "Spent big money, purchased often but long time ago", [1, 2], [2, 5], [2, 5]),
  rule("Lost", "Lowest recency, frequency & monetary scores", [1, 1], [1, 1], [1, 1]),
  rule("Hibernating", "Low spenders, low frequency, purchased long time ago", [1, 2], [1, 2], [1, 2]),
];

/** Preset keys, as the RFM page submits them. */
export const RFM_PRESET_KEYS = ["package-default", "classic-11"] as const;
export type RfmPresetKey = (typeof RFM_PRESET_KEYS)[number];

/** One preset: a name and a line for the chooser, and its rules in order. */
export interface RfmPreset {
  key: RfmPresetKey;
  name: string;
  description: string;
  rules: readonly RfmRule[];
}

export const RFM_PRESETS: readonly RfmPreset[] = [
  {
    key: "package-default",
    name: "10 segments (R rfm package default)",
    description: "Champions, Potential Loyalist, Loyal Customers, Promising, New Customers, Can't Lose Them, At Risk, Need Attention, About To Sleep, Lost.",
    rules: DEFAULT_RFM_RULES,
  },
  {
    key: "classic-11",
    name: "11 segments, with Hibernating",
    description: "The classic table: adds Hibernating (low spenders who bought rarely, long ago) and keeps Lost for the lowest scores.",
    rules: CLASSIC_11_RFM_RULES,
  },
];

/** The preset with this key, or undefined. */
export function findPreset(key: string): RfmPreset | undefined {
  return RFM_PRESETS.find((p) => p.key === key);
}

const same = (a: RfmRule, b: RfmRule) =>
  a.name === b.name && (a.description ?? "") === (b.description ?? "") &&
  (["recency", "frequency", "monetary"] as const).every((k) => a[k][0] === b[k][0] && a[k][1] === b[k][1]);

/** The preset a rule set is exactly (names, descriptions, ranges and order), or null for an edited set. */
export function presetOf(rules: readonly RfmRule[]): RfmPresetKey | null {
  return RFM_PRESETS.find((p) => p.rules.length === rules.length && p.rules.every((r, i) => same(r, rules[i])))?.key ?? null;
}
