/** What a change of the RFM rule set did, in words an audit reader follows (stored in the audit entry). */
import type { RfmRule } from "./rules";

/** A rule set change: rules added, removed, changed (scores or description) and whether the order moved. */
export interface RfmRulesDiff {
  added: string[];
  removed: string[];
  changed: { name: string; from: string; to: string }[];
  reordered: boolean;
}

/** "R 3–5 · F 1–3 · M 2–5 — Recent shoppers": a rule's ranges (and description) in one line. */
export function describeRfmRule(rule: RfmRule): string {
  const range = ([lo, hi]: [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
  const scores = `R ${range(rule.recency)} · F ${range(rule.frequency)} · M ${range(rule.monetary)}`;
  return rule.description ? `${scores} — ${rule.description}` : scores;
}

/** The difference between two rule sets, rules matched by name. */
export function rfmRulesDiff(before: readonly RfmRule[], after: readonly RfmRule[]): RfmRulesDiff {
  const old = new Map(before.map((r) => [r.name, r]));
  const next = new Map(after.map((r) => [r.name, r]));
  const changed: RfmRulesDiff["changed"] = [];
  for (const rule of after) {
    const prior = old.get(rule.name);
    if (!prior) continue;
    const from = describeRfmRule(prior);
    const to = describeRfmRule(rule);
    if (from !== to) changed.push({ name: rule.name, from, to });
  }
  const kept = (list: readonly RfmRule[], other: Map<string, RfmRule>) => list.filter((r) => other.has(r.name)).map((r) => r.name);
  return {
    added: after.filter((r) => !old.has(r.name)).map((r) => r.name),
    removed: before.filter((r) => !next.has(r.name)).map((r) => r.name),
    changed,
    reordered: kept(before, next).join("\u0000") !== kept(after, old).join("\u0000"),
  };
}
