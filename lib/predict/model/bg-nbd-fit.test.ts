import { describe, expect, it } from "vitest";
import { bgNbdLogLikelihood, bgNbdTotals, fitBgNbd } from "./bg-nbd-fit";
import { preparePurchases } from "./purchases";

const params = { r: 0.25, alpha: 4.5, a: 0.8, b: 2.5 };

describe("bgNbdLogLikelihood", () => {
  it.each([
    // ln ∫∫ L(λ, p | x, tx, T) dGamma(λ; r, α) dBeta(p; a, b), integrated numerically with mpmath
    // (30 digits), so independently of the paper's closed form.
    [0, 0, 38.86, -0.56636499017946573],
    [2, 30.43, 38.86, -9.4359713991789329],
    [18, 35.14, 35.86, -35.829758977428237],
    [1, 0.5, 2.0, -3.2601034994224071],
  ])("matches the mixture integral for x = %i, tx = %f, T = %f", (x, tx, T, expected) => {
    expect(bgNbdLogLikelihood(params, [{ x, tx, T }])).toBeCloseTo(expected, 8);
  });

  it("sums over rows, each weighted by its count", () => {
    const one = bgNbdLogLikelihood(params, [{ x: 2, tx: 30.43, T: 38.86 }]);
    const other = bgNbdLogLikelihood(params, [{ x: 0, tx: 0, T: 12 }]);
    expect(bgNbdLogLikelihood(params, [{ x: 2, tx: 30.43, T: 38.86, count: 3 }, { x: 0, tx: 0, T: 12 }, { x: 5, tx: 1, T: 2, count: 0 }]))
      .toBeCloseTo(3 * one + other, 10);
  });

  it("has the analytic gradient of its finite differences", () => {
    const data = preparePurchases([{ x: 0, tx: 0, T: 30 }, { x: 3, tx: 20, T: 25, count: 4 }, { x: 11, tx: 30, T: 31 }, { x: 1, tx: 2, T: 40, count: 2 }]);
    const gradient = new Float64Array(4);
    bgNbdTotals(data, 0.7, 6, 1.3, 2.2, gradient);
    const at = [0.7, 6, 1.3, 2.2];
    at.forEach((value, i) => {
      const h = 1e-6 * value;
      const up = [...at];
      const down = [...at];
      up[i] += h;
      down[i] -= h;
      const numeric = (bgNbdTotals(data, up[0], up[1], up[2], up[3]) - bgNbdTotals(data, down[0], down[1], down[2], down[3])) / (2 * h);
      expect(gradient[i]).toBeCloseTo(numeric, 5);
    });
  });

  it("refuses malformed rows, naming the row", () => {
    expect(() => bgNbdLogLikelihood(params, [{ x: 1.5, tx: 1, T: 2 }])).toThrow(/summary 0: x must be a whole number/);
    expect(() => bgNbdLogLikelihood(params, [{ x: 0, tx: 0, T: 2 }, { x: 1, tx: 3, T: 2 }])).toThrow(/summary 1: tx must lie between 0 and T/);
    expect(() => bgNbdLogLikelihood(params, [{ x: 1, tx: 1, T: Number.NaN }])).toThrow(/T must be a finite number/);
    expect(() => bgNbdLogLikelihood(params, [{ x: 1, tx: 1, T: 2, count: -1 }])).toThrow(/count must be a finite number ≥ 0/);
  });
});

describe("fitBgNbd refusals and honest reports", () => {
  it("refuses to fit nothing, or customers who never bought again", () => {
    expect(() => fitBgNbd([])).toThrow("Cannot fit BG/NBD: there are no customers.");
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 10, count: 0 }])).toThrow("Cannot fit BG/NBD: there are no customers.");
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 10, count: 40 }, { x: 0, tx: 0, T: 3 }])).toThrow(/none of the 41 customers bought again/);
    expect(() => fitBgNbd([{ x: 1, tx: 0, T: 0 }])).toThrow(/no observation time/);
  });

  it("reports a parameter running off to 0 or ∞ instead of returning it as a fit", () => {
    // Everyone bought on the last day: nothing shows anybody dropping out.
    const result = fitBgNbd([{ x: 3, tx: 10, T: 10, count: 50 }, { x: 1, tx: 10, T: 10, count: 50 }, { x: 0, tx: 0, T: 10, count: 5 }]);
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/^BG\/NBD did not converge: .*, so the data do not pin the model down\.$/);
    expect(result.message).toMatch(/\ba (ran off )?towards zero \(a = [0-9.e+-]+\)/);
    expect(result.message).toMatch(/\bb towards infinity \(b = [0-9.e+-]+\)/);
  });

  it("reports hitting the iteration limit", () => {
    const rows = [{ x: 0, tx: 0, T: 30, count: 60 }, { x: 2, tx: 20, T: 30, count: 25 }, { x: 6, tx: 28, T: 30, count: 10 }, { x: 1, tx: 3, T: 30, count: 30 }];
    const full = fitBgNbd(rows);
    expect(full.converged).toBe(true);
    expect(full.message).toMatch(/^BG\/NBD converged/);
    const cut = fitBgNbd(rows, { maxIterations: 2 });
    expect(cut).toMatchObject({ converged: false, iterations: 2, message: "BG/NBD did not converge: no convergence within 2 iterations." });
    expect(cut.logLikelihood).toBeLessThan(full.logLikelihood);
  });

  it("reports a drift along the no-dropout ridge (a → 0, b → ∞) however it ends", () => {
    const rows = [{ x: 0, tx: 0, T: 30, count: 60 }, { x: 2, tx: 20, T: 30, count: 25 }, { x: 6, tx: 28, T: 30, count: 10 }];
    for (const result of [fitBgNbd(rows), fitBgNbd(rows, { initial: { r: 3, alpha: 100, a: 0.2, b: 9 } })]) {
      expect(result.converged).toBe(false);
      expect(result.message).toMatch(/\ba (ran off )?towards zero .* and b towards infinity/);
    }
  });

  it("starts from given initial values and refuses impossible ones", () => {
    const rows = [{ x: 0, tx: 0, T: 30, count: 60 }, { x: 2, tx: 20, T: 30, count: 25 }, { x: 6, tx: 28, T: 30, count: 10 }, { x: 1, tx: 3, T: 30, count: 30 }];
    const fromDefault = fitBgNbd(rows);
    const fromElsewhere = fitBgNbd(rows, { initial: { r: 3, alpha: 100, a: 0.2, b: 9 } });
    expect(fromElsewhere.converged).toBe(true);
    expect(fromElsewhere.params.r).toBeCloseTo(fromDefault.params.r, 5);
    expect(fromElsewhere.params.b).toBeCloseTo(fromDefault.params.b, 4);
    expect(() => fitBgNbd(rows, { initial: { a: -1 } })).toThrow("initial a must be a positive number (got -1)");
  });
});
