import { describe, expect, it } from "vitest";
import { needsAnalyze } from "./statistics";

describe("needsAnalyze (autovacuum's default analyze rule)", () => {
  it("analyzes a table the statistics have never seen once more than 50 rows were written", () => {
    expect(needsAnalyze(50, -1)).toBe(false);
    expect(needsAnalyze(51, -1)).toBe(true);
    expect(needsAnalyze(700, 0)).toBe(true);
  });

  it("leaves a large table alone for a small import and analyzes it for a large one", () => {
    expect(needsAnalyze(10_050, 100_000)).toBe(false);
    expect(needsAnalyze(10_051, 100_000)).toBe(true);
  });
});
