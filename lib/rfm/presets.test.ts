import { describe, expect, it } from "vitest";
import { assignSegment, DEFAULT_RFM_RULES, PACKAGE_TEST_RFM_RULES, type RfmRule } from "./rules";
import { CLASSIC_11_RFM_RULES, findPreset, presetOf, RFM_PRESETS } from "./presets";
import { rfmRuleSetSchema } from "./schemas";
import fs from "node:fs";
import path from "node:path";
import { referenceDir } from "../../test/support/reference";

// The legacy 11-segment table as published (REFERENCE.md §3c): "a - b" or "<= b" per score.
const range = (text: string): [number, number] => {
  const m = /^<=\s*(\d)$/.exec(text.trim()) ?? /^(\d)\s*-\s*(\d)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable range ${text}`);
  return m[2] === undefined ? [1, Number(m[1])] : [Number(m[1]), Number(m[2])];
};
const json = JSON.parse(fs.readFileSync(path.join(referenceDir(), "rfm", "segments.json"), "utf8")) as { legacy_display_table_11_segments: { rows: string[][] } };
const referenceTable = json.legacy_display_table_11_segments.rows.map(([name, description, r, f, m]) => ({ name, description, recency: range(r), frequency: range(f), monetary: range(m) }));

const everyScore = [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].flatMap((f) => [1, 2, 3, 4, 5].map((m) => ({ r, f, m }))));
const assigned = (rules: readonly RfmRule[]) => new Set(everyScore.map((s) => assignSegment(s, rules)));

describe("RFM presets", () => {
  it("are valid rule sets", () => {
    for (const p of RFM_PRESETS) expect(rfmRuleSetSchema.safeParse(p.rules).success, p.key).toBe(true);
  });

  it("the 11-segment set has the classic names and ranges, and every one of its segments can be assigned", () => {
    expect(CLASSIC_11_RFM_RULES.map((r) => r.name).sort()).toEqual(referenceTable.map((r) => r.name).sort());
    const byName = new Map(referenceTable.map((r) => [r.name, r]));
    for (const r of CLASSIC_11_RFM_RULES) {
      const ref = byName.get(r.name)!;
      expect(r.description).toBe(ref.description);
      if (r.name !== "Lost") expect([r.recency, r.frequency, r.monetary], r.name).toEqual([ref.recency, ref.frequency, ref.monetary]);
    }
    expect([...assigned(CLASSIC_11_RFM_RULES)].sort()).toEqual([...CLASSIC_11_RFM_RULES.map((r) => r.name), "Others"].sort());
    expect(assignSegment({ r: 1, f: 1, m: 2 }, CLASSIC_11_RFM_RULES)).toBe("Hibernating");
    expect(assignSegment({ r: 1, f: 1, m: 1 }, CLASSIC_11_RFM_RULES)).toBe("Lost");
    expect(assignSegment({ r: 1, f: 5, m: 5 }, CLASSIC_11_RFM_RULES)).toBe("Can't Lose Them");
    expect(assignSegment({ r: 5, f: 1, m: 1 }, CLASSIC_11_RFM_RULES)).toBe("New Customers");
  });

  it("in the table's printed order four names could never be assigned (why the preset reorders)", () => {
    const printed = referenceTable.map((r) => ({ name: r.name, recency: r.recency, frequency: r.frequency, monetary: r.monetary }));
    const never = printed.map((r) => r.name).filter((n) => !assigned(printed).has(n));
    expect(never.sort()).toEqual(["Can't Lose Them", "Lost", "New Customers", "Promising"]);
  });

  it("recognises which preset a stored rule set is", () => {
    expect(presetOf(DEFAULT_RFM_RULES)).toBe("package-default");
    expect(presetOf(CLASSIC_11_RFM_RULES.map((r) => ({ ...r })))).toBe("classic-11");
    expect(presetOf(PACKAGE_TEST_RFM_RULES)).toBeNull();
    expect(presetOf([{ ...DEFAULT_RFM_RULES[0], name: "Top fans" }, ...DEFAULT_RFM_RULES.slice(1)])).toBeNull();
    expect(findPreset("classic-11")?.rules).toBe(CLASSIC_11_RFM_RULES);
    expect(findPreset("nope")).toBeUndefined();
  });
});
