import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assignSegment, DEFAULT_RFM_RULES, OTHERS, PACKAGE_TEST_RFM_RULES, segmentKey, segmentNames, type RfmRule } from "./rules";
import { referenceDir } from "@/test/support/reference";

const REFERENCE = referenceDir();

describe("rule sets", () => {
  it("transcribe the package's rule sets (segments.json) in their order", () => {
    const json = JSON.parse(fs.readFileSync(path.join(REFERENCE, "rfm/segments.json"), "utf8")) as Record<string, { rules?: { segment: string; recency: number[]; frequency: number[]; monetary: number[] }[] }>;
    const sets = Object.values(json).filter((v) => typeof v === "object" && v !== null && Array.isArray(v.rules)).map((v) => v.rules!);
    const strip = (rules: readonly RfmRule[]) => rules.map((r) => ({ segment: r.name, recency: r.recency, frequency: r.frequency, monetary: r.monetary }));
    const asJson = sets.map((rules) => rules.map((r) => ({ segment: r.segment, recency: r.recency, frequency: r.frequency, monetary: r.monetary })));
    expect(asJson).toContainEqual(strip(DEFAULT_RFM_RULES));
    expect(asJson).toContainEqual(strip(PACKAGE_TEST_RFM_RULES));
  });
});

describe("assignSegment", () => {
  it("gives the first matching rule (Potential Loyalist before Loyal Customers for 3-4-3)", () => {
    expect(assignSegment({ r: 3, f: 4, m: 3 }, DEFAULT_RFM_RULES)).toBe("Potential Loyalist");
    expect(assignSegment({ r: 3, f: 2, m: 3 }, DEFAULT_RFM_RULES)).toBe("Loyal Customers");
    expect(assignSegment({ r: 3, f: 2, m: 1 }, DEFAULT_RFM_RULES)).toBe("About To Sleep");
    expect(assignSegment({ r: 5, f: 5, m: 5 }, DEFAULT_RFM_RULES)).toBe("Champions");
  });

  it("is inclusive at both ends of each range", () => {
    const rules: RfmRule[] = [{ name: "Mid", recency: [2, 4], frequency: [2, 4], monetary: [2, 4] }];
    expect(assignSegment({ r: 2, f: 4, m: 2 }, rules)).toBe("Mid");
    expect(assignSegment({ r: 1, f: 4, m: 2 }, rules)).toBe(OTHERS);
    expect(assignSegment({ r: 5, f: 4, m: 2 }, rules)).toBe(OTHERS);
  });

  it("leaves customers no rule matches in Others", () => {
    expect(assignSegment({ r: 2, f: 1, m: 5 }, DEFAULT_RFM_RULES)).toBe(OTHERS);
  });
});

describe("segment keys", () => {
  it("are URL-safe slugs of the names", () => {
    expect(segmentKey("Can't Lose Them")).toBe("can-t-lose-them");
    expect(segmentKey("  About To Sleep ")).toBe("about-to-sleep");
    expect(segmentNames(DEFAULT_RFM_RULES).at(-1)).toBe(OTHERS);
  });
});
