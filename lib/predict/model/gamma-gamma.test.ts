import { describe, expect, it } from "vitest";
import { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood, gammaGammaTotals } from "./gamma-gamma";
import { prepareSpend } from "./purchases";

const published = { p: 6.25, q: 3.74, v: 15.45 };

describe("gammaGammaLogLikelihood", () => {
  it.each([
    // ln ∫ Gamma(zbar; p·x, rate x·ν) · Gamma(ν; q, rate v) dν, integrated numerically with mpmath.
    [1, 11.77, -3.7389589528639642],
    [2, 22.35, -3.5515954053488108],
    [7, 35.5, -4.0522005615850459],
    [30, 4.2, -13.277281041338562],
  ])("matches the mixture integral for x = %i, zbar = %f", (x, zbar, expected) => {
    expect(gammaGammaLogLikelihood(published, [{ x, zbar }])).toBeCloseTo(expected, 10);
  });

  it("ignores customers without repeat purchases and weights rows by count", () => {
    const one = gammaGammaLogLikelihood(published, [{ x: 2, zbar: 22.35 }]);
    expect(gammaGammaLogLikelihood(published, [{ x: 2, zbar: 22.35, count: 4 }, { x: 0, zbar: 0, count: 100 }, { x: 3, zbar: 9, count: 0 }])).toBeCloseTo(4 * one, 10);
  });

  it("has the analytic gradient of its finite differences", () => {
    const data = prepareSpend([{ x: 1, zbar: 12 }, { x: 4, zbar: 30, count: 3 }, { x: 9, zbar: 7.5 }]);
    const gradient = new Float64Array(3);
    const at = [4.2, 2.7, 11];
    gammaGammaTotals(data, at[0], at[1], at[2], gradient);
    at.forEach((value, i) => {
      const h = 1e-6 * value;
      const up = [...at];
      const down = [...at];
      up[i] += h;
      down[i] -= h;
      const numeric = (gammaGammaTotals(data, up[0], up[1], up[2]) - gammaGammaTotals(data, down[0], down[1], down[2])) / (2 * h);
      expect(gradient[i]).toBeCloseTo(numeric, 6);
    });
  });

  it("refuses a repeat buyer without a positive spend", () => {
    expect(() => gammaGammaLogLikelihood(published, [{ x: 2, zbar: 0 }])).toThrow(/spend summary 0: zbar must be a positive amount/);
  });
});

describe("fitGammaGamma", () => {
  it("refuses data without repeat buyers", () => {
    expect(() => fitGammaGamma([{ x: 0, zbar: 0, count: 12 }])).toThrow(/Cannot fit Gamma-Gamma: no customer has a repeat purchase/);
  });

  it("reports q ≤ 1 (no finite mean spend) as not converged", () => {
    const heavyTailed = Array.from({ length: 60 }, (_, i) => ({ x: 1 + (i % 3), zbar: 10 ** ((i % 12) / 2) }));
    const result = fitGammaGamma(heavyTailed);
    expect(result.converged).toBe(false);
    expect(result.params.q).toBeLessThanOrEqual(1);
    expect(result.message).toMatch(/^Gamma-Gamma did not converge: q = 0\.\d+ is not above 1, so the fitted spend distribution has no finite mean/);
  });

  it("reports parameters running off when every buyer spends the same", () => {
    const result = fitGammaGamma([{ x: 2, zbar: 10, count: 30 }, { x: 3, zbar: 10, count: 5 }]);
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/^Gamma-Gamma did not converge: p ran off towards infinity .* so the spends do not pin the model down\.$/);
  });
});

describe("expectedAverageValue", () => {
  it("is the REFERENCE.md weighting of the population mean and the customer's mean", () => {
    const { p, q, v } = published;
    for (const [x, zbar] of [[1, 11.77], [5, 40], [40, 3]]) {
      const weight = (p * x) / (p * x + q - 1);
      expect(expectedAverageValue(published, x, zbar)).toBeCloseTo((1 - weight) * ((v * p) / (q - 1)) + weight * zbar, 12);
    }
  });

  it.each([
    // E[p/ν | x, zbar] integrated numerically over ν's posterior Gamma(p·x + q, v + x·zbar) with mpmath
    [1, 11.77, 18.923804226918798],
    [5, 40, 39.616431303324507],
  ])("is the posterior mean spend for x = %i, zbar = %f", (x, zbar, expected) => {
    expect(expectedAverageValue(published, x, zbar)).toBeCloseTo(expected, 10);
  });

  it("is the population mean v·p/(q−1) without repeat purchases and tends to zbar as x grows", () => {
    expect(expectedAverageValue(published, 0, 0)).toBeCloseTo((15.45 * 6.25) / 2.74, 12);
    expect(expectedAverageValue(published, 100_000, 42)).toBeCloseTo(42, 3);
  });

  it("refuses q ≤ 1, where the mean spend is infinite", () => {
    expect(() => expectedAverageValue({ p: 2, q: 0.9, v: 10 }, 3, 20)).toThrow("Gamma-Gamma needs q > 1 for a finite expected spend (q = 0.9).");
  });
});
