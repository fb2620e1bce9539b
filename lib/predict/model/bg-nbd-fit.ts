/**
 * BG/NBD maximum likelihood (Fader, Hardie and Lee 2005, equation 6), with the analytic gradient,
 * optimised over log-parameters. alpha is optimised relative to the mean observation time T, so
 * the search is the same whatever the time unit (days or weeks give alpha·7 and the same r, a, b).
 */
import type { BgNbdParams } from "../schemas";
import { describeRunaways, minimizeBfgs } from "./optimize";
import { preparePurchases, type PurchaseData } from "./purchases";
import { digamma, gammaln } from "./special";
import type { FitOptions, FitResult, PurchaseSummary } from "./types";

const NAMES = ["r", "alpha", "a", "b"] as const;
/**
 * A parameter beyond e^±10 ≈ 2·10^±4 (alpha: times the mean T) has run off to 0 or ∞: the data do
 * not determine it.
 */
const RUNAWAY = 10;

/** The BG/NBD log-likelihood of the rows (each counted `count` times). */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly PurchaseSummary[]): number {
  return bgNbdTotals(preparePurchases(rows), params.r, params.alpha, params.a, params.b);
}

/**
 * Σ count·ln L(r, α, a, b | x, tx, T); with `gradient`, writes ∂/∂(r, α, a, b) into it. Per row:
 * ln L = ln[Γ(r+x)α^r / Γ(r)] + ln[B(a, b+x)/B(a, b)] + ln[(α+T)^−(r+x) + [x>0]·a/(b+x−1)·(α+tx)^−(r+x)].
 */
export function bgNbdTotals(data: PurchaseData, r: number, alpha: number, a: number, b: number, gradient?: Float64Array): number {
  const { xs, xIndex, tx, T, count } = data;
  // g = [∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b], first the parts that depend on x only.
  const g = gradient ?? new Float64Array(4);
  const { ll: perX, lnOdds, inverse } = perXTerms(data, r, alpha, a, b, gradient ? g : undefined);
  let ll = perX;
  for (let i = 0; i < count.length; i++) {
    const k = xIndex[i];
    const c = count[i];
    const A = r + xs[k];
    const lnT = Math.log(alpha + T[i]);
    const u = -A * lnT;
    if (xs[k] === 0) {
      ll += c * u;
      if (gradient) {
        g[0] -= c * lnT;
        g[1] -= (c * A) / (alpha + T[i]);
      }
      continue;
    }
    // ln(e^u + e^v) without overflow; wu, wv are the two terms' shares.
    const lnTx = Math.log(alpha + tx[i]);
    const v = lnOdds[k] - A * lnTx;
    const e = Math.exp(-Math.abs(u - v));
    ll += c * (Math.max(u, v) + Math.log1p(e));
    if (gradient) {
      const wLow = e / (1 + e);
      const wu = u >= v ? 1 - wLow : wLow;
      const wv = 1 - wu;
      g[0] -= c * (wu * lnT + wv * lnTx);
      g[1] -= c * A * (wu / (alpha + T[i]) + wv / (alpha + tx[i]));
      g[2] += (c * wv) / a;
      g[3] -= c * wv * inverse[k];
    }
  }
  return ll;
}

/**
 * The log-likelihood terms that depend on x only, summed with the customer counts:
 * ln[Γ(r+x)α^r/Γ(r)] + ln[B(a, b+x)/B(a, b)]; with `gradient`, sets it to their derivatives.
 * Also ln(a/(b+x−1)) and 1/(b+x−1) per distinct x, for the rows.
 */
function perXTerms(data: PurchaseData, r: number, alpha: number, a: number, b: number, gradient?: Float64Array) {
  const { xs, countByX, total } = data;
  const lnAlpha = Math.log(alpha);
  const base = gammaln(a + b) - gammaln(b) - gammaln(r) + r * lnAlpha;
  const lnOdds = new Float64Array(xs.length);
  const inverse = new Float64Array(xs.length);
  let ll = 0;
  if (gradient) gradient.set([0, (total * r) / alpha, 0, 0]);
  const dBase = gradient ? digamma(a + b) : 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    ll += countByX[k] * (gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x) + base);
    lnOdds[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    inverse[k] = x > 0 ? 1 / (b + x - 1) : 0;
    if (gradient) {
      const dx = digamma(a + b + x);
      gradient[0] += countByX[k] * (digamma(r + x) - digamma(r) + lnAlpha);
      gradient[2] += countByX[k] * (dBase - dx);
      gradient[3] += countByX[k] * (digamma(b + x) + dBase - digamma(b) - dx);
    }
  }
  return { ll, lnOdds, inverse };
}

/** Fits BG/NBD by maximum likelihood; throws when the data cannot support a fit at all. */
export function fitBgNbd(rows: readonly PurchaseSummary[], options: FitOptions<BgNbdParams> = {}): FitResult<BgNbdParams> {
  const data = preparePurchases(rows);
  if (data.total === 0) throw new Error("Cannot fit BG/NBD: there are no customers.");
  if (data.repeaters === 0) {
    throw new Error(`Cannot fit BG/NBD: none of the ${data.total} customers bought again after their first purchase day, so purchase rates and dropout cannot be estimated.`);
  }
  if (!(data.meanT > 0)) throw new Error("Cannot fit BG/NBD: every customer's first purchase falls on the end of the calibration period, so there is no observation time.");

  // Default start: r = a = b = 1 and alpha = mean T / mean x (purchase rate r/alpha = Σx/ΣT).
  const scale = data.meanT;
  const theta0 = [0, -Math.log(data.meanX), 0, 0];
  NAMES.forEach((name, i) => {
    const given = options.initial?.[name];
    if (given === undefined) return;
    if (!(Number.isFinite(given) && given > 0)) throw new RangeError(`initial ${name} must be a positive number (got ${given})`);
    theta0[i] = Math.log(name === "alpha" ? given / scale : given);
  });
  const natural = new Float64Array(4);
  const toParams = (theta: ArrayLike<number>): BgNbdParams => ({
    r: Math.exp(theta[0]), alpha: scale * Math.exp(theta[1]), a: Math.exp(theta[2]), b: Math.exp(theta[3]),
  });

  // The mean negative log-likelihood keeps the optimizer's scale independent of the customer count.
  const result = minimizeBfgs((theta, gradient) => {
    const p = toParams(theta);
    const ll = bgNbdTotals(data, p.r, p.alpha, p.a, p.b, natural);
    const values = [p.r, p.alpha, p.a, p.b];
    for (let i = 0; i < 4; i++) gradient[i] = (-natural[i] * values[i]) / data.total;
    return -ll / data.total;
  }, theta0, { maxIterations: options.maxIterations ?? 200, tolerance: options.tolerance ?? 1e-8, bound: RUNAWAY + 5 });

  const params = toParams(result.x);
  const logLikelihood = bgNbdTotals(data, params.r, params.alpha, params.a, params.b);
  const runaways = describeRunaways(NAMES, result.x, [params.r, params.alpha, params.a, params.b], RUNAWAY);
  if (runaways) {
    return { params, logLikelihood, iterations: result.iterations, converged: false, message: `BG/NBD did not converge: ${runaways}, so the data do not pin the model down.` };
  }
  if (!Number.isFinite(logLikelihood)) {
    return { params, logLikelihood, iterations: result.iterations, converged: false, message: "BG/NBD did not converge: the log-likelihood is not finite at the last parameters." };
  }
  return {
    params, logLikelihood, iterations: result.iterations, converged: result.converged,
    message: result.converged ? `BG/NBD ${result.message} after ${result.iterations} iterations.` : `BG/NBD did not converge: ${result.message}.`,
  };
}
