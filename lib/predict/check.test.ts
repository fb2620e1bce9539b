import { describe, expect, test } from "vitest";
import { buildCheck, byFrequency, cumulative } from "./check";
import { expectedPurchases, expectedPurchasesFromStart } from "./model";

const params = { r: 0.242593, alpha: 4.413532 * 7, a: 0.792886, b: 2.425752 }; // CDNOW, in days

describe("expected vs actual by frequency", () => {
  test("per-customer means of the conditional expectation and of the holdout purchases, 7 and more together", () => {
    const groups = [
      { x: 0, tx: 0, T: 100, count: 3, holdout: 1 },
      { x: 0, tx: 0, T: 50, count: 1, holdout: 2 },
      { x: 2, tx: 40, T: 100, count: 2, holdout: 4 },
      { x: 9, tx: 90, T: 100, count: 1, holdout: 5 },
      { x: 12, tx: 95, T: 100, count: 1, holdout: 7 },
    ];
    const { buckets, totalPredicted } = byFrequency(params, 28, groups);
    expect(buckets.map((b) => b.customers)).toEqual([4, 0, 2, 0, 0, 0, 0, 2]);
    expect(buckets[0].actual).toBe(0.75);
    const zero = (3 * expectedPurchases(params, 28, 0, 0, 100) + expectedPurchases(params, 28, 0, 0, 50)) / 4;
    expect(buckets[0].predicted).toBeCloseTo(zero, 4);
    expect(buckets[7]).toMatchObject({ repeatPurchases: 7, orMore: true, actual: 6 });
    expect(buckets[1]).toEqual({ repeatPurchases: 1, orMore: false, customers: 0, predicted: 0, actual: 0 });
    const all = groups.reduce((s, g) => s + g.count * expectedPurchases(params, 28, g.x, g.tx, g.T), 0);
    expect(totalPredicted).toBeCloseTo(all, 9);
  });
});

describe("cumulative repeat purchases", () => {
  test("weekly from the cohort's first day to the end; actual counted up to each date, predicted from each start day", () => {
    const firsts = [{ day: "2026-01-01", customers: 10 }, { day: "2026-01-04", customers: 5 }];
    const repeats = [{ day: "2026-01-03", repeats: 2 }, { day: "2026-01-08", repeats: 1 }, { day: "2026-01-09", repeats: 4 }, { day: "2026-01-20", repeats: 1 }];
    const points = cumulative(params, "2026-01-20", firsts, repeats);
    expect(points.map((p) => p.date)).toEqual(["2026-01-08", "2026-01-15", "2026-01-20"]);
    expect(points.map((p) => p.actual)).toEqual([3, 7, 8]);
    const predicted = (d: number) => 10 * expectedPurchasesFromStart(params, d) + 5 * expectedPurchasesFromStart(params, d - 3);
    expect(points[0].predicted).toBeCloseTo(predicted(7), 4);
    expect(points[2].predicted).toBeCloseTo(predicted(19), 4);
    expect(cumulative(params, "2026-01-20", [], [])).toEqual([]);
  });

  test("the check carries its periods and totals", () => {
    const plan = { ok: true as const, calibrationEnd: "2026-01-13", holdoutEnd: "2026-01-20", holdoutDays: 7 };
    const check = buildCheck({ plan, params, groups: [{ x: 1, tx: 3, T: 12, count: 4, holdout: 3 }], firsts: [{ day: "2026-01-01", customers: 4 }], repeats: [{ day: "2026-01-04", repeats: 4 }, { day: "2026-01-18", repeats: 3 }] });
    expect(check).toMatchObject({ calibrationEnd: "2026-01-13", holdoutEnd: "2026-01-20", holdoutDays: 7, params, totalActual: 3 });
    expect(check.totalPredicted).toBeCloseTo(4 * expectedPurchases(params, 7, 1, 3, 12), 4);
    expect(check.cumulative.at(-1)).toMatchObject({ date: "2026-01-20", actual: 7 });
  });
});
