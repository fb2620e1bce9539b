/** Properties every BG/NBD and Gamma-Gamma answer must have, over random parameters and customers. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgNbdLogLikelihood, expectedAverageValue, expectedPurchases, expectedPurchasesFromStart, probabilityAlive } from ".";

const bgNbdParams = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 200, noNaN: true }),
  a: fc.double({ min: 0.05, max: 5, noNaN: true }),
  b: fc.double({ min: 0.05, max: 50, noNaN: true }),
});

/** A customer (x, tx, T) with 0 ≤ tx ≤ T and tx = 0 when x = 0. */
const customer = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }))
  .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : share * T, T }));

const horizon = fc.double({ min: 0.01, max: 2000, noNaN: true });

describe("probabilityAlive", () => {
  it("is 1 for a customer without repeat purchases", () => {
    fc.assert(fc.property(bgNbdParams, fc.double({ min: 0, max: 1e4, noNaN: true }), (params, T) => {
      expect(probabilityAlive(params, 0, 0, T)).toBe(1);
    }));
  });

  it("lies in (0, 1]", () => {
    fc.assert(fc.property(bgNbdParams, customer, (params, { x, tx, T }) => {
      const p = probabilityAlive(params, x, tx, T);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }));
  });
});

describe("expectedPurchases", () => {
  it("is ≥ 0 and grows with the horizon", () => {
    fc.assert(fc.property(bgNbdParams, customer, horizon, fc.double({ min: 1.01, max: 10, noNaN: true }), (params, { x, tx, T }, t, factor) => {
      const shorter = expectedPurchases(params, t, x, tx, T);
      const longer = expectedPurchases(params, t * factor, x, tx, T);
      expect(shorter).toBeGreaterThanOrEqual(0);
      expect(longer).toBeGreaterThanOrEqual(shorter);
      // Strictly, where the growth is not below rounding: for a > 1 the expectation saturates at
      // P(alive)·E[1/p] as (t/(α+T))^(1−a) dies out.
      if (t * factor <= params.alpha + T) expect(longer).toBeGreaterThan(shorter);
    }));
  });

  it("is larger for a recent buyer than for the same x with an older last purchase", () => {
    const repeatBuyer = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true }))
      .map(([x, share, T]) => ({ x, tx: share * T, T }));
    fc.assert(fc.property(bgNbdParams, repeatBuyer, horizon, fc.double({ min: 0.05, max: 0.95, noNaN: true }), (params, { x, tx, T }, t, older) => {
      expect(expectedPurchases(params, t, x, tx, T)).toBeGreaterThan(expectedPurchases(params, t, x, tx * older, T));
    }));
  });

  it("from the first purchase: ≥ 0, growing with t, and the conditional expectation of a customer seen at once", () => {
    fc.assert(fc.property(bgNbdParams, horizon, (params, t) => {
      const value = expectedPurchasesFromStart(params, t);
      expect(value).toBeGreaterThan(0);
      expect(expectedPurchasesFromStart(params, 2 * t)).toBeGreaterThan(value);
      expect(expectedPurchases(params, t, 0, 0, 0)).toBeCloseTo(value, 12);
    }));
  });
});

describe("grouping identical rows with count (the fit: cdnow.test.ts)", () => {
  const rows = fc.array(fc.tuple(customer, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 30 });

  it("gives the log-likelihood of listing them", () => {
    fc.assert(fc.property(bgNbdParams, rows, (params, groups) => {
      const grouped = groups.map(([c, count]) => ({ ...c, count }));
      const listed = groups.flatMap(([c, count]) => Array.from({ length: count }, () => c));
      const ll = bgNbdLogLikelihood(params, listed);
      // Relative to the likelihood, but never tighter than rounding near 0 (x = 0, T = 0 contributes exactly 0).
      expect(Math.abs(bgNbdLogLikelihood(params, grouped) - ll)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(ll)));
    }));
  });
});

describe("expectedAverageValue", () => {
  it("lies between the population mean and the customer's own mean", () => {
    const ggParams = fc.record({
      p: fc.double({ min: 0.1, max: 50, noNaN: true }),
      q: fc.double({ min: 1.05, max: 50, noNaN: true }),
      v: fc.double({ min: 0.1, max: 1000, noNaN: true }),
    });
    fc.assert(fc.property(ggParams, fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 1e5, noNaN: true }), (params, x, zbar) => {
      const population = (params.p * params.v) / (params.q - 1);
      const value = expectedAverageValue(params, x, zbar);
      expect(value).toBeGreaterThanOrEqual(Math.min(population, zbar) * (1 - 1e-12));
      expect(value).toBeLessThanOrEqual(Math.max(population, zbar) * (1 + 1e-12));
    }));
  });
});
