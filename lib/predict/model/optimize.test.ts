import { describe, expect, it } from "vitest";
import { minimizeBfgs, type ObjectiveWithGradient } from "./optimize";

const options = { maxIterations: 200, tolerance: 1e-10, bound: 50 };

describe("minimizeBfgs", () => {
  it("finds the minimum of an ill-conditioned quadratic", () => {
    // f = ½ (x − c)ᵀ A (x − c) with condition number 10⁴.
    const c = [3, -2, 0.5];
    const A = [[1e4, 30, 0], [30, 1, 0.2], [0, 0.2, 5]];
    const f: ObjectiveWithGradient = (x, g) => {
      let value = 0;
      for (let i = 0; i < 3; i++) {
        g[i] = 0;
        for (let j = 0; j < 3; j++) g[i] += A[i][j] * (x[j] - c[j]);
        value += 0.5 * (x[i] - c[i]) * g[i];
      }
      return value;
    };
    const result = minimizeBfgs(f, [0, 0, 0], options);
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(c[i], 7));
    expect(result.evaluations).toBeGreaterThanOrEqual(result.iterations);
  });

  it("follows Rosenbrock's valley to (1, 1)", () => {
    const f: ObjectiveWithGradient = ([x, y], g) => {
      g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      g[1] = 200 * (y - x * x);
      return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    };
    const result = minimizeBfgs(f, [-1.2, 1], options);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.f).toBeLessThan(1e-12);
  });

  it("says so when the iteration limit stops it", () => {
    const f: ObjectiveWithGradient = ([x, y], g) => {
      g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      g[1] = 200 * (y - x * x);
      return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    };
    const result = minimizeBfgs(f, [-1.2, 1], { ...options, maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
    expect(result.message).toBe("no convergence within 3 iterations");
  });

  it("stops a coordinate running off to infinity instead of following it", () => {
    // e^−x + 0.1·y² has no minimum in x.
    const f: ObjectiveWithGradient = ([x, y], g) => {
      g[0] = -Math.exp(-x);
      g[1] = 0.2 * y;
      return Math.exp(-x) + 0.1 * y * y;
    };
    const result = minimizeBfgs(f, [0, 1], { ...options, bound: 20 });
    expect(result.converged).toBe(false);
    expect(result.message).toBe("coordinate 0 left the plausible range");
    expect(result.x[0]).toBeGreaterThan(20);
  });

  it("refuses a start where the function is not finite", () => {
    const result = minimizeBfgs((x, g) => { g[0] = NaN; return NaN; }, [1], options);
    expect(result).toMatchObject({ converged: false, iterations: 0, message: "the likelihood is not finite at the starting point" });
  });

  it("is converged at once at an exact stationary point", () => {
    const result = minimizeBfgs(([x], g) => { g[0] = 2 * x; return x * x; }, [0], options);
    expect(result).toMatchObject({ converged: true, iterations: 0 });
  });
});
