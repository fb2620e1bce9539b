import { describe, expect, it } from "vitest";
import { compactNumber, linearScale, maxOf, niceStep, niceTicks } from "./scale";

describe("chart scales", () => {
  it("maps a domain onto a range linearly, inverted ranges included", () => {
    const y = linearScale([0, 200], [240, 40]);
    expect(y(0)).toBe(240);
    expect(y(100)).toBe(140);
    expect(y(200)).toBe(40);
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });

  it("picks nice steps and ticks that cover the maximum", () => {
    expect(niceStep(1000)).toBe(500);
    expect(niceStep(12)).toBe(5);
    expect(niceTicks(1000)).toEqual([0, 500, 1000]);
    expect(niceTicks(950)).toEqual([0, 500, 1000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
    for (const max of [1, 3, 13, 99, 101, 12345, 987654]) {
      const ticks = niceTicks(max);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });

  it("finds the maximum, ignoring non-finite values", () => {
    expect(maxOf([])).toBe(0);
    expect(maxOf([3, Number.NaN, 7, -1])).toBe(7);
  });

  it("writes compact labels", () => {
    expect(compactNumber(1200)).toBe("1.2K");
    expect(compactNumber(3_400_000)).toBe("3.4M");
    expect(compactNumber(12)).toBe("12");
  });
});
