import { describe, expect, it } from "vitest";
import { contrast, heatScale, heatStep, luminance } from "./heat";

describe("RFM heat scale", () => {
  it("darkens as the count grows; the largest cell is the darkest and empty cells are blank", () => {
    const max = 431;
    let previous = Infinity;
    for (let n = 1; n <= max; n++) {
      const step = heatStep(n, max);
      const lum = luminance(heatScale(max)[step].background);
      expect(lum).toBeLessThanOrEqual(previous);
      previous = lum;
    }
    expect(heatStep(max, max)).toBe(5);
    expect(heatStep(1, max)).toBe(1);
    expect(heatStep(0, max)).toBe(0);
    expect(heatStep(0, 0)).toBe(0);
  });

  it("keeps text readable on every step (WCAG AA)", () => {
    for (const step of heatScale(100)) expect(contrast(step.background, step.text)).toBeGreaterThanOrEqual(4.5);
  });

  it("gives each step the counts it covers, without gaps, for the legend", () => {
    for (const max of [1, 3, 5, 7, 100, 431]) {
      const steps = heatScale(max).slice(1).filter((s) => s.min <= s.max);
      expect(steps[0].min).toBe(1);
      expect(steps[steps.length - 1].max).toBe(max);
      for (let i = 1; i < steps.length; i++) expect(steps[i].min).toBe(steps[i - 1].max + 1);
      for (const s of steps) for (let n = s.min; n <= s.max; n++) expect(heatScale(max)[heatStep(n, max)]).toEqual(s);
    }
  });
});
