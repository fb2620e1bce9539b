import { describe, expect, it } from "vitest";
import { gaussSeriesTail, hyp2f1Excess, hyp2f1Series, lagrangeInterpolate } from "./hypergeometric";

function expectRelative(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tolerance);
}

describe("hyp2f1Series against closed forms", () => {
  it("₂F₁(1, 1; 2; z) = −ln(1 − z)/z", () => {
    for (const z of [-0.95, -0.5, -1e-3, 1e-3, 0.3, 0.5, 0.75, 0.95]) expectRelative(hyp2f1Series(1, 1, 2, z), -Math.log1p(-z) / z, 1e-14);
  });

  it("₂F₁(a, b; b; z) = (1 − z)^−a", () => {
    for (const [a, b] of [[0.3, 2.2], [4.5, 0.7], [-2.5, 1.3], [12, 3]]) {
      for (const z of [0.2, 0.5, 0.7]) expectRelative(hyp2f1Series(a, b, b, z), Math.pow(1 - z, -a), 1e-13);
    }
    // At negative z the terms alternate; with a = 12 they would reach 10⁵ times the sum, which is
    // why the BG/NBD code never sums such a series (bg-nbd-expectation.ts).
    for (const [a, b] of [[0.3, 2.2], [-2.5, 1.3]]) expectRelative(hyp2f1Series(a, b, b, -0.6), Math.pow(1.6, -a), 1e-13);
  });

  it("terminates when a is a non-positive integer: ₂F₁(−2, b; b; z) = (1 − z)²", () => {
    expectRelative(hyp2f1Series(-2, 3.3, 3.3, 0.9), 0.01, 1e-13);
  });

  it("₂F₁(1/2, 1; 3/2; −z²) = arctan(z)/z", () => {
    for (const z of [0.1, 0.5, 0.8]) expectRelative(hyp2f1Series(0.5, 1, 1.5, -z * z), Math.atan(z) / z, 1e-14);
  });
});

describe("hyp2f1Series against mpmath (40 digits)", () => {
  it.each([
    [0.3, -4.7, 2.2, 0.5, 0.77409484952945893],
    [2.5, 3.5, 1.5, 0.6, 111.17382399029456],
    [0.7, 0.2, 0.9, -0.75, 0.9148404519717927],
    // c < 0: the terms shrink towards n ≈ 57 and grow again past the pole; summing must not stop early.
    [1.75, 2, -57.25, 0.48, 20411.913350774132],
  ])("₂F₁(%f, %f; %f; %f) = %f", (a, b, c, z, expected) => {
    expectRelative(hyp2f1Series(a, b, c, z), expected, 1e-12);
  });
});

describe("hyp2f1Excess = (₂F₁ − 1)/b", () => {
  it("agrees with the series where b is not small", () => {
    for (const [a, b, c, z] of [[0.3, -4.7, 2.2, 0.5], [1.75, 2, -57.25, 0.48], [2, 0.5, 3, -0.4]]) {
      expectRelative(1 + b * hyp2f1Excess(a, b, c, z), hyp2f1Series(a, b, c, z), 1e-13);
    }
  });

  it("is exact at b = 0: Σ zⁿ/(n(n+1)) = 1 + (1 − z)·ln(1 − z)/z for a = 1, c = 2", () => {
    for (const z of [-0.7, 0.1, 0.5, 0.9]) expectRelative(hyp2f1Excess(1, 0, 2, z), 1 + ((1 - z) * Math.log1p(-z)) / z, 1e-14);
  });

  it("reports how much the terms cancel", () => {
    const magnitude = new Float64Array(1);
    const value = hyp2f1Excess(-38.55, 1.2, 1.45, 0.476, magnitude);
    expectRelative(value, -0.82702979038820119, 1e-9);
    expect(magnitude[0]).toBeGreaterThan(1e3 * Math.abs(value));
  });
});

describe("gaussSeriesTail", () => {
  it("refuses an argument outside the unit disc", () => {
    expect(() => gaussSeriesTail(1, 1, 1, 2, 1)).toThrow(/\|z\| < 1/);
    expect(() => gaussSeriesTail(1, 1, 1, 2, -1.5)).toThrow(/\|z\| < 1/);
  });

  it("sums a slowly converging series near |z| = 1 to full precision", () => {
    expectRelative(hyp2f1Series(1, 1, 2, 0.999), -Math.log1p(-0.999) / 0.999, 1e-12);
  });
});

describe("lagrangeInterpolate", () => {
  it("reproduces a polynomial of degree below the number of nodes", () => {
    const cubic = (x: number) => 2 * x ** 3 - x + 5;
    const nodes = [-2, -1, 1, 2];
    expect(lagrangeInterpolate(nodes, nodes.map(cubic), 0.3)).toBeCloseTo(cubic(0.3), 12);
  });
});
