import { describe, expect, it } from "vitest";
import { binBounds, binOf, computeCuts, cutPoints, quantile7, rfmScore, scoreCustomer } from "./scoring";

describe("quantile7 (R's type 7 = PostgreSQL's percentile_cont)", () => {
  it("interpolates linearly at position p·(n−1)", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile7(x, 0)).toBe(1);
    expect(quantile7(x, 1)).toBe(10);
    expect(quantile7(x, 0.5)).toBe(5.5);
    expect(quantile7(x, 0.2)).toBeCloseTo(2.8, 12);
    expect(quantile7([10, 20], 0.25)).toBe(12.5);
    expect(quantile7([7], 0.8)).toBe(7);
  });

  it("refuses an empty population", () => {
    expect(() => quantile7([], 0.5)).toThrow(/no values/);
  });
});

describe("cut points", () => {
  it("are the 20/40/60/80 % quantiles plus 1, whatever the input order", () => {
    expect(cutPoints([5, 1, 4, 2, 3])).toEqual([2.8, 3.6, 4.4, 5.2].map((v) => expect.closeTo(v, 12)));
  });

  it("make integer data right-closed: q(k−1) < x <= q(k)", () => {
    const cuts = cutPoints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); // quantiles 3, 5, 7, 9 → cuts 4, 6, 8, 10
    expect(cuts).toEqual([4, 6, 8, 10]);
    expect([1, 3, 4, 5, 6, 9, 10, 11].map((x) => binOf(x, cuts))).toEqual([1, 1, 2, 2, 3, 4, 5, 5]);
  });

  it("shift with a fractional quantile (REFERENCE.md: 254.8 → cut 255.8, so 255 is still bin 1)", () => {
    expect(binOf(255, [255.8, 382, 506.4, 666])).toBe(1);
    expect(binOf(255.8, [255.8, 382, 506.4, 666])).toBe(2);
    expect(binOf(666, [255.8, 382, 506.4, 666])).toBe(5);
  });

  it("give tied values one score and leave bins empty when quantiles coincide", () => {
    const values = [1, 1, 1, 1, 1, 1, 1, 2, 2, 9];
    const cuts = cutPoints(values); // quantiles 1, 1, 1, 2 → cuts 2, 2, 2, 3: bins 2 and 3 are empty
    expect(cuts).toEqual([2, 2, 2, 3]);
    expect(values.map((x) => binOf(x, cuts))).toEqual([1, 1, 1, 1, 1, 1, 1, 4, 4, 5]);
  });

  it("put the minimum in bin 1 and the maximum in the top non-empty bin", () => {
    const values = [3, 8, 13, 21, 34, 55, 89];
    const cuts = cutPoints(values);
    expect(binOf(3, cuts)).toBe(1);
    expect(binOf(89, cuts)).toBe(5);
    expect(binBounds(cuts, 3, 89)).toEqual({ lower: [3, ...cuts], upper: [...cuts, 90] });
  });
});

describe("scores", () => {
  const cuts = computeCuts([
    { recencyDays: 10, frequency: 1, monetary: 10 },
    { recencyDays: 20, frequency: 2, monetary: 20 },
    { recencyDays: 30, frequency: 3, monetary: 30 },
    { recencyDays: 40, frequency: 4, monetary: 40 },
    { recencyDays: 50, frequency: 5, monetary: 50 },
    { recencyDays: 60, frequency: 6, monetary: 60 },
  ]);

  it("reverse recency: the fewest days since the last order score 5", () => {
    expect(scoreCustomer({ recencyDays: 10, frequency: 6, monetary: 60 }, cuts)).toEqual({ r: 5, f: 5, m: 5 });
    expect(scoreCustomer({ recencyDays: 60, frequency: 1, monetary: 10 }, cuts)).toEqual({ r: 1, f: 1, m: 1 });
  });

  it("keep a negative recency (an order after the analysis date) in the most recent bin, as the package does", () => {
    expect(scoreCustomer({ recencyDays: -3, frequency: 1, monetary: 10 }, cuts).r).toBe(5);
  });

  it("combine into 100·R + 10·F + M", () => {
    expect(rfmScore({ r: 3, f: 4, m: 3 })).toBe(343);
  });
});
