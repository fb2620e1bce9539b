import { describe, expect, it } from "vitest";
import { aliveExpectationFor, expectedPurchasesIfAlive } from "./bg-nbd-expectation";

function expectRelative(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tolerance);
}

/**
 * [r, a, b, x, s, E[purchases | alive]] computed with mpmath at 60 digits as
 * C/(a−1)·(1 − (1−z)^A·hyp2f1(A, B; C; z)), and checked against an independent quadrature of
 * E over p ~ Beta(a, b+x) of (1 − (1 + p·s)^−(r+x))/p (agreement to 20 digits on every row).
 */
const MPMATH: [number, number, number, number, number, number, string][] = [
  [0.2426, 0.7929, 2.426, 0, 0.05, 0.012038622847248816, "CDNOW-like, short horizon"],
  [0.2426, 0.7929, 2.426, 2, 0.9, 1.6851993641552258, "customer 1's 39 weeks: z just under 1/2"],
  [0.2426, 0.7929, 2.426, 2, 1.2, 2.1426043100245276, "just past z = 1/2"],
  [0.2426, 0.7929, 2.426, 5, 11.8, 20.59757278463573, "365 days against alpha + T = 31 days"],
  [0.2426, 0.7929, 2.426, 0, 365, 7.9451809022951367, "z = 0.997"],
  [0.2426, 0.7929, 2.426, 30, 1e5, 1510.391072047427, "z = 1 − 1e-5"],
  [0.5, 0.2, 200, 0, 5, 2.490856749831717, "large b: the connection formula cancels"],
  [0.5, 0.2, 200, 3, 40, 130.9137680054029, "large b, long horizon"],
  [2.0, 3.0, 50, 4, 2.5, 10.253189351248767, "m an exact integer, large b"],
  [0.2426, 3, 0.02, 60, 1.1, 23.759511480603909, "large x near z = 1/2"],
  [1.5, 1.2, 8, 400, 3, 490.3703772497766, "x = 400"],
  [0.3, 0.30001, 3, 2, 1e4, 2445.5199456200829, "m within 1e-5 of an integer"],
  [0.3, 0.3, 3, 2, 50, 55.602355277225147, "m exactly an integer"],
  [0.8, 1.0, 2.5, 3, 20, 14.62505708068519, "a = 1 exactly"],
  [0.8, 1.0000001, 2.5, 3, 20, 14.625055278443442, "a within 1e-7 of 1"],
  [0.8, 0.9999999, 2.5, 3, 0.3, 1.0303119191972694, "a within 1e-7 of 1, near origin"],
  [1.0, 1.0, 1.0, 0, 3, 1.3862943611198906, "r = a = b = 1: doubly degenerate"],
  [0.5, 2.5, 3, 0, 1.5, 0.51416070589961599, "m = −1"],
  [0.01, 0.05, 0.02, 7, 1e5, 412175.39765459102, "tiny r, a, b"],
  [8.0, 0.05, 2.426, 1, 30, 225.56265722077026, "large r, small a"],
  [0.5, 0.3, 0.4, 0, 3, 0.95126894466369756, "C = a + b − 1 < 0"],
  [0.5, 0.3, 0.7, 0, 0.4, 0.18509037802120307, "C = a + b − 1 = 0"],
  [0.010000000000000004, 1.002852938322769, 477.6998299858102, 0, 363787.99546, 96.835538777603624,
    "huge s, large b, m near 0: ln(s/(1+s)) must not be ln s − ln(1+s)"],
];

describe("expectedPurchasesIfAlive against mpmath", () => {
  it.each(MPMATH)("r %f, a %f, b %f, x %i, s %f → %f (%s)", (r, a, b, x, s, expected) => {
    expectRelative(expectedPurchasesIfAlive(r, a, b, x, s), expected, 1e-10);
  });

  it("gives the same numbers with per-x constants cached", () => {
    const cached = new Map<string, (x: number, s: number) => number>();
    for (const [r, a, b, x, s, expected] of MPMATH) {
      const key = `${r} ${a} ${b}`;
      if (!cached.has(key)) cached.set(key, aliveExpectationFor(r, a, b));
      expectRelative(cached.get(key)!(x, s), expected, 1e-10);
      expectRelative(cached.get(key)!(x, s), expected, 1e-10); // second call: from the cache
    }
  });
});

describe("expectedPurchasesIfAlive against closed forms (both sides of z = 1/2)", () => {
  const horizons = [1e-3, 0.2, 0.9, 1, 1.5, 10, 365, 1e4, 1e6];

  it("r = a = b = 1, x = 0: p uniform, one purchase rate: E = ln(1 + s) (₂F₁(1, 1; 2; −s) in disguise)", () => {
    for (const s of horizons) expectRelative(expectedPurchasesIfAlive(1, 1, 1, 0, s), Math.log1p(s), 1e-11);
  });

  it("r = 2, a = b = 1, x = 0: E = ln(1 + s) + s/(1 + s)", () => {
    for (const s of horizons) expectRelative(expectedPurchasesIfAlive(2, 1, 1, 0, s), Math.log1p(s) + s / (1 + s), 1e-11);
  });

  it("a = 2, b = 1, x = 0 (p ~ Beta(2, 1)): E = 2·(1 − ((1+s)^(1−r) − 1)/(s(1−r)))", () => {
    for (const r of [0.5, 1.7]) {
      for (const s of horizons) {
        const expected = 2 * (1 - Math.expm1((1 - r) * Math.log1p(s)) / (s * (1 - r)));
        expectRelative(expectedPurchasesIfAlive(r, 2, 1, 0, s), expected, 1e-11);
      }
    }
  });

  it("r = a + b − 1 (₂F₁(A, B; A; z) = (1−z)^−B): E = C·(1 − (1+s)^(1−a))/(a − 1), any x", () => {
    for (const [a, b, x] of [[0.8, 2.4, 5], [1.7, 0.6, 0], [0.35, 3, 40]]) {
      const r = a + b - 1;
      const C = a + b + x - 1;
      for (const s of horizons) expectRelative(expectedPurchasesIfAlive(r, a, b, x, s), (C * (1 - Math.pow(1 + s, 1 - a))) / (a - 1), 1e-11);
    }
  });

  it("is 0 at s = 0 and tends to E[1/p] = (a + b + x − 1)/(a − 1) for a > 1 as s → ∞", () => {
    expect(expectedPurchasesIfAlive(0.5, 2.5, 3, 4, 0)).toBe(0);
    expectRelative(expectedPurchasesIfAlive(0.5, 2.5, 3, 4, 1e12), (2.5 + 3 + 4 - 1) / 1.5, 1e-5);
    expect(expectedPurchasesIfAlive(0.5, 2.5, 3, 4, Infinity)).toBe((2.5 + 3 + 4 - 1) / 1.5);
    expect(expectedPurchasesIfAlive(0.5, 0.8, 3, 4, Infinity)).toBe(Infinity);
  });
});
