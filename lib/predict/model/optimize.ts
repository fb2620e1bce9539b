/**
 * Unconstrained minimisation by BFGS (Nocedal and Wright, Numerical Optimization, ch. 6) with a
 * backtracking Armijo line search, for the few log-parameters of the CLV models.
 *
 * Ours, not a package: fmin 0.0.4's Node entry exports nothing (a UMD build inside a
 * "type": "module" package) and reports neither iterations nor convergence; numeric 1.2.6
 * (unmaintained since 2012) evaluates the function and the gradient separately (twice the cost
 * per step here), skips no update when the curvature condition fails, and ends a converged run
 * with the same message as a stalled one; optimization-js ships browserify, jsdoc and travis as
 * runtime dependencies. We need an honest "did it converge" with a reason.
 */

/** f(x), writing ∇f(x) into `gradient`. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  maxIterations: number;
  /** Stop once the quasi-Newton step is shorter than this in every coordinate. */
  tolerance: number;
  /** No coordinate may exceed this in absolute value: a (log-)parameter running to 0 or ∞ stops the run. */
  bound: number;
  /** The largest step in any coordinate per iteration (keeps exp() of log-parameters finite). */
  maxStep?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  iterations: number;
  /** Function (and gradient) evaluations, line-search trials included. */
  evaluations: number;
  converged: boolean;
  message: string;
}

const ARMIJO = 1e-4;
const MAX_HALVINGS = 50;
/** A step whose gain is within rounding of f is not a failure of the line search. */
const NOISE = 1e-13;

/** Minimises f from x0; never throws for a non-converging run: `converged` and `message` say what happened. */
export function minimizeBfgs(f: ObjectiveWithGradient, x0: ArrayLike<number>, options: MinimizeOptions): MinimizeResult {
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let fx = f(x, g);
  const counter = { evaluations: 1 };
  const result = (iterations: number, converged: boolean, message: string): MinimizeResult => ({ x, f: fx, iterations, evaluations: counter.evaluations, converged, message });
  if (!Number.isFinite(fx) || !allFinite(g)) return result(0, false, "the likelihood is not finite at the starting point");

  const H = identity(n);
  let scaled = false;
  const direction = new Float64Array(n);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    multiply(H, g, direction, -1);
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // The approximation lost positive-definiteness (rounding): restart from steepest descent.
      resetIdentity(H);
      scaled = false;
      multiply(H, g, direction, -1);
      slope = dot(g, direction);
    }
    const longest = maxAbs(direction);
    // The step measures the distance to the optimum once H has seen the curvature; a predicted
    // gain (−slope/2) below the rounding of f means no line search could see further progress.
    const noise = NOISE * Math.max(1, Math.abs(fx));
    if (longest === 0 || (scaled && longest <= options.tolerance)) return result(iteration - 1, true, "converged");
    if (scaled && -slope <= 0.1 * noise) return result(iteration - 1, true, "converged to the precision of the likelihood");

    const step = lineSearch(f, x, fx, g, direction, slope, Math.min(1, (options.maxStep ?? 2) / longest), counter);
    if (!step) {
      const atOptimum = -slope <= noise;
      return result(iteration, atOptimum, atOptimum ? "converged to the precision of the likelihood" : "the line search found no lower likelihood: the optimizer stalled");
    }

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) { s[i] = step.x[i] - x[i]; y[i] = step.g[i] - g[i]; }
    const ys = dot(y, s);
    if (ys > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        // Scale the initial inverse Hessian to the observed curvature (Nocedal and Wright 6.20).
        resetIdentity(H, ys / dot(y, y));
        scaled = true;
      }
      updateInverseHessian(H, s, y, ys);
    }
    x = step.x;
    g = step.g;
    fx = step.f;
    const escaped = x.findIndex((value) => Math.abs(value) > options.bound);
    if (escaped >= 0) return result(iteration, false, `coordinate ${escaped} left the plausible range`);
  }
  return result(options.maxIterations, false, `no convergence within ${options.maxIterations} iterations`);
}

/**
 * Backtracking from x + t·direction until Armijo's sufficient decrease holds (or, within the
 * rounding of f, the gradient shrinks); null if fifty halvings find nothing.
 */
function lineSearch(
  f: ObjectiveWithGradient, x: Float64Array, fx: number, g: Float64Array, direction: Float64Array,
  slope: number, t0: number, counter: { evaluations: number },
): { x: Float64Array; f: number; g: Float64Array } | null {
  const n = x.length;
  const next = new Float64Array(n);
  const nextG = new Float64Array(n);
  const noise = NOISE * Math.max(1, Math.abs(fx));
  for (let t = t0, halving = 0; halving < MAX_HALVINGS; halving++, t /= 2) {
    for (let i = 0; i < n; i++) next[i] = x[i] + t * direction[i];
    const fNext = f(next, nextG);
    counter.evaluations++;
    if (!Number.isFinite(fNext) || !allFinite(nextG)) continue;
    if (fNext <= fx + ARMIJO * t * slope) return { x: next, f: fNext, g: nextG };
    if (Math.abs(fNext - fx) <= noise && maxAbs(nextG) < maxAbs(g)) return { x: next, f: fNext, g: nextG };
  }
  return null;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs). */
function updateInverseHessian(H: Float64Array, s: Float64Array, y: Float64Array, ys: number): void {
  const n = s.length;
  const rho = 1 / ys;
  const Hy = new Float64Array(n);
  multiply(H, y, Hy, 1);
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
}

function identity(n: number): Float64Array {
  const H = new Float64Array(n * n);
  resetIdentity(H);
  return H;
}

function resetIdentity(H: Float64Array, diagonal = 1): void {
  const n = Math.round(Math.sqrt(H.length));
  H.fill(0);
  for (let i = 0; i < n; i++) H[i * n + i] = diagonal;
}

function multiply(H: Float64Array, v: Float64Array, out: Float64Array, sign: number): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < n; j++) total += H[i * n + j] * v[j];
    out[i] = sign * total;
  }
}

function dot(u: Float64Array, v: Float64Array): number {
  let total = 0;
  for (let i = 0; i < u.length; i++) total += u[i] * v[i];
  return total;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  return max;
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/**
 * "a ran off towards zero (a = 4.5e-9) and b towards infinity (b = 2.1e+8)" for the
 * log-parameters beyond ±limit (or not finite), or null when none is.
 */
export function describeRunaways(names: readonly string[], x: ArrayLike<number>, values: readonly number[], limit: number): string | null {
  const parts: string[] = [];
  for (let i = 0; i < names.length; i++) {
    if (Math.abs(x[i]) <= limit) continue;
    const towards = x[i] > 0 ? "infinity" : "zero";
    parts.push(`${names[i]}${parts.length === 0 ? " ran off" : ""} towards ${towards} (${names[i]} = ${values[i].toPrecision(3)})`);
  }
  return parts.length === 0 ? null : parts.join(" and ");
}
