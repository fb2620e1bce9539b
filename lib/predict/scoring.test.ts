import { describe, expect, test } from "vitest";
import { expectedAverageValue, expectedPurchases, probabilityAlive } from "./model";
import { churnRiskOf, DistributionBuilder, money, round6, roundWidth, scoreCustomer, valueBuckets } from "./scoring";

// CDNOW's published fits, in weeks (the scoring is unit-agnostic; the product passes days).
const models = { bgnbd: { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.45 } };

describe("churn risk", () => {
  test("high below 0.3, medium below 0.7, low from 0.7", () => {
    expect([0, 0.299999, 0.3, 0.699999, 0.7, 1].map(churnRiskOf)).toEqual(["high", "high", "medium", "medium", "low", "low"]);
  });
});

describe("rounding as stored", () => {
  test("doubles to 6 decimals print as those decimals; money to 2", () => {
    expect(round6(0.1234565)).toBe(0.123457);
    expect(String(round6(1 / 3))).toBe("0.333333");
    expect(round6(-1e-9)).toBe(0);
    expect(Object.is(round6(-1e-9), 0)).toBe(true);
    expect(money(12.345)).toBe("12.35");
    expect(money(3)).toBe("3.00");
  });
});

describe("a customer's scores", () => {
  test("are the model's numbers, rounded; the 12-month value is the stored purchases × the stored order value", () => {
    const s = { x: 2, tx: 30.43, T: 38.86, zbar: 22.35 };
    const scores = scoreCustomer(models, s);
    expect(scores.probabilityAlive).toBe(round6(probabilityAlive(models.bgnbd, 2, 30.43, 38.86)));
    expect(scores.purchases30).toBe(round6(expectedPurchases(models.bgnbd, 30, 2, 30.43, 38.86)));
    expect(scores.purchases365).toBe(round6(expectedPurchases(models.bgnbd, 365, 2, 30.43, 38.86)));
    expect(scores.averageOrderValue).toBe(money(expectedAverageValue(models.gammaGamma, 2, 22.35)));
    expect(scores.value12m).toBe(money(scores.purchases365 * Number(scores.averageOrderValue)));
    expect(scores.churnRisk).toBe(churnRiskOf(scores.probabilityAlive));
  });

  test("one purchase day: still active by the model's assumption, and the population's order value", () => {
    const scores = scoreCustomer(models, { x: 0, tx: 0, T: 38.86, zbar: 0 });
    expect(scores.probabilityAlive).toBe(1);
    expect(scores.churnRisk).toBe("low");
    expect(Number(scores.averageOrderValue)).toBeCloseTo((15.45 * 6.25) / (3.74 - 1), 2);
  });
});

describe("the distribution", () => {
  test("round bucket widths", () => {
    expect([roundWidth(1000, 10), roundWidth(1234, 10), roundWidth(45, 10), roundWidth(0, 10)]).toEqual([100, 200, 5, 1]);
  });

  test("ten round buckets up to the 99th percentile, the last open-ended; bands and total", () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => i * 5); // 0 … 995
    const buckets = valueBuckets(values.sort());
    expect(buckets).toHaveLength(10);
    expect(buckets[0]).toEqual({ lo: 0, hi: 100, customers: 20 });
    expect(buckets.at(-1)).toEqual({ lo: 900, hi: 1000, customers: 20 });
    expect(valueBuckets(Float64Array.from([0, 0, 0]))).toEqual([{ lo: 0, hi: 1, customers: 3 }]);
    expect(valueBuckets(new Float64Array(0))).toEqual([]);
    const outlier = valueBuckets(Float64Array.from([...Array.from({ length: 99 }, () => 10), 100000]));
    expect(outlier.at(-1)!.hi).toBe(100000);
    expect(outlier.reduce((n, b) => n + b.customers, 0)).toBe(100);

    const d = new DistributionBuilder();
    for (let i = 0; i < 3000; i++) d.add({ value12m: (i % 7).toFixed(2), churnRisk: i % 3 === 0 ? "high" : "low" });
    const built = d.build();
    expect(built.churnRisk).toEqual({ low: 2000, medium: 0, high: 1000 });
    expect(built.value12m.reduce((n, b) => n + b.customers, 0)).toBe(3000);
    expect(built.totalValue12m).toBe([...Array(3000).keys()].reduce((s, i) => s + (i % 7), 0));
  });
});
