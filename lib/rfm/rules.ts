/**
 * RFM segment rules (`rfm_segment`): each rule names a segment and inclusive score ranges; rules
 * apply in order and the first that matches wins; a customer matching none is "Others".
 */
import type { RfmScores } from "./scoring";

/** A score range, inclusive at both ends, within 1–5. */
export type ScoreRange = [number, number];

/** One segment rule. */
export interface RfmRule {
  name: string;
  description?: string;
  recency: ScoreRange;
  frequency: ScoreRange;
  monetary: ScoreRange;
}

/** The segment of customers that no rule matches. */
export const OTHERS = "Others";

const rule = (name: string, description: string, recency: ScoreRange, frequency: ScoreRange, monetary: ScoreRange): RfmRule => ({ name, description, recency, frequency, monetary });
const bare = (name: string, recency: ScoreRange, frequency: ScoreRange, monetary: ScoreRange): RfmRule => ({ name, recency, frequency, monetary });

/** The package's current default rule set (README, vignette, examples; REFERENCE.md §3a), in order. */
export const DEFAULT_RFM_RULES: readonly RfmRule[] = [
  rule("Champions", "Bought recently, buy often and spend the most", [5, 5], [5, 5], [5, 5]),
  rule("Potential Loyalist", "Recent customers, spent good amount, bought more than once", [3, 5], [3, 5], [2, 5]),
  rule("Loyal Customers", "Spend good money. Responsive to promotions", [2, 4], [2, 4], [2, 4]),
  rule("Promising", "Recent shoppers, but haven't spent much", [3, 4], [1, 3], [3, 5]),
  rule("New Customers", "Bought more recently, but not often", [4, 5], [1, 3], [1, 5]),
  rule("Can't Lose Them", "Made big purchases and often, but long time ago", [1, 2], [3, 4], [4, 5]),
  rule("At Risk", "Spent big money, purchased often but long time ago", [1, 2], [2, 5], [4, 5]),
  rule("Need Attention", "Above average recency, frequency & monetary values", [1, 3], [3, 5], [3, 5]),
  rule("About To Sleep", "Below average recency, frequency & monetary values", [2, 3], [1, 3], [1, 4]),
  rule("Lost", "Bought a long time ago, average amount spent", [1, 1], [1, 5], [1, 5]),
];

/** The rule set of the package's unit test (tests/testthat/test-rfm-segment.R; REFERENCE.md §3b), in order. */
export const PACKAGE_TEST_RFM_RULES: readonly RfmRule[] = [
  bare("Champions", [4, 5], [4, 5], [4, 5]),
  bare("Loyal Customers", [2, 5], [3, 5], [3, 5]),
  bare("Potential Loyalist", [3, 5], [1, 3], [1, 3]),
  bare("New Customers", [4, 5], [1, 1], [1, 1]),
  bare("Promising", [3, 4], [1, 1], [1, 1]),
  bare("Need Attention", [2, 3], [2, 3], [2, 3]),
  bare("About To Sleep", [2, 3], [1, 2], [1, 2]),
  bare("At Risk", [1, 2], [2, 5], [2, 5]),
  bare("Can't Lose Them", [1, 1], [4, 5], [4, 5]),
  bare("Lost", [1, 2], [1, 2], [1, 2]),
];

const within = (score: number, [lo, hi]: ScoreRange) => score >= lo && score <= hi;

/** Whether a rule matches the scores (all three ranges). */
export function ruleMatches(rule: RfmRule, scores: RfmScores): boolean {
  return within(scores.r, rule.recency) && within(scores.f, rule.frequency) && within(scores.m, rule.monetary);
}

/** The segment of one customer: the first matching rule's name, else "Others". */
export function assignSegment(scores: RfmScores, rules: readonly RfmRule[]): string {
  return rules.find((r) => ruleMatches(r, scores))?.name ?? OTHERS;
}

/** The URL key of a segment name: lower-case letters and digits joined by dashes ("Can't Lose Them" → "can-t-lose-them"). */
export function segmentKey(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Segment names in display order: the rules' order, then "Others". */
export function segmentNames(rules: readonly RfmRule[]): string[] {
  return [...rules.map((r) => r.name), OTHERS];
}
