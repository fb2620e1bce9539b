/**
 * The Gamma-Gamma spend model (Fader and Hardie 2013, "The Gamma-Gamma model of monetary value"):
 * a repeat buyer's spends per purchase day are Gamma(p, ν) with ν ~ Gamma(q, v) across
 * customers; fitted by maximum likelihood on (x, zbar) of the customers with x > 0.
 */
import type { GammaGammaParams } from "../schemas";
import { describeRunaways, minimizeBfgs } from "./optimize";
import { prepareSpend, type SpendData } from "./purchases";
import { digamma, gammaln } from "./special";
import type { FitOptions, FitResult, SpendSummary } from "./types";

const NAMES = ["p", "q", "v"] as const;
/** Beyond e^±10 ≈ 2·10^±4 (v: times the mean zbar) a parameter has run off to 0 or ∞. */
const RUNAWAY = 10;

/** The Gamma-Gamma log-likelihood of the rows with x > 0 (each counted `count` times). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly SpendSummary[]): number {
  return gammaGammaTotals(prepareSpend(rows), params.p, params.q, params.v);
}

/**
 * Σ count·ln f(zbar | x) with f = Γ(px+q)/(Γ(px)Γ(q)) · v^q · zbar^(px−1) · x^(px) / (v + x·zbar)^(px+q);
 * with `gradient`, writes ∂/∂(p, q, v) into it.
 */
export function gammaGammaTotals(data: SpendData, p: number, q: number, v: number, gradient?: Float64Array): number {
  const { xs, countByX, lnZByX, xIndex, zbar, count, total } = data;
  const lnV = Math.log(v);
  let ll = total * (q * lnV - gammaln(q));
  let gp = 0;
  let gq = total * (lnV - (gradient ? digamma(q) : 0));
  let gv = (total * q) / v;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    const px = p * x;
    const lnX = Math.log(x);
    ll += countByX[k] * (gammaln(px + q) - gammaln(px) + px * lnX) + (px - 1) * lnZByX[k];
    if (gradient) {
      const dpq = digamma(px + q);
      gp += x * (countByX[k] * (dpq - digamma(px) + lnX) + lnZByX[k]);
      gq += countByX[k] * dpq;
    }
  }
  for (let i = 0; i < count.length; i++) {
    const x = xs[xIndex[i]];
    const c = count[i];
    const shape = p * x + q;
    const rate = v + x * zbar[i];
    const lnRate = Math.log(rate);
    ll -= c * shape * lnRate;
    if (gradient) {
      gp -= c * x * lnRate;
      gq -= c * lnRate;
      gv -= (c * shape) / rate;
    }
  }
  if (gradient) {
    gradient[0] = gp;
    gradient[1] = gq;
    gradient[2] = gv;
  }
  return ll;
}

/** Fits Gamma-Gamma by maximum likelihood on the repeat buyers; throws when there are none. */
export function fitGammaGamma(rows: readonly SpendSummary[], options: FitOptions<GammaGammaParams> = {}): FitResult<GammaGammaParams> {
  const data = prepareSpend(rows);
  if (data.total === 0) throw new Error("Cannot fit Gamma-Gamma: no customer has a repeat purchase, and the spend model is fitted on repeat buyers only.");

  // Default start: p = 1, q = 2, v = mean zbar, where the model's mean spend p·v/(q−1) is the observed mean.
  const scale = data.meanZ;
  const theta0 = [0, Math.LN2, 0];
  NAMES.forEach((name, i) => {
    const given = options.initial?.[name];
    if (given === undefined) return;
    if (!(Number.isFinite(given) && given > 0)) throw new RangeError(`initial ${name} must be a positive number (got ${given})`);
    theta0[i] = Math.log(name === "v" ? given / scale : given);
  });
  const natural = new Float64Array(3);
  const toParams = (theta: ArrayLike<number>): GammaGammaParams => ({ p: Math.exp(theta[0]), q: Math.exp(theta[1]), v: scale * Math.exp(theta[2]) });

  const result = minimizeBfgs((theta, gradient) => {
    const params = toParams(theta);
    const ll = gammaGammaTotals(data, params.p, params.q, params.v, natural);
    const values = [params.p, params.q, params.v];
    for (let i = 0; i < 3; i++) gradient[i] = (-natural[i] * values[i]) / data.total;
    return -ll / data.total;
  }, theta0, { maxIterations: options.maxIterations ?? 200, tolerance: options.tolerance ?? 1e-8, bound: RUNAWAY + 5 });

  const params = toParams(result.x);
  const logLikelihood = gammaGammaTotals(data, params.p, params.q, params.v);
  const fail = (message: string): FitResult<GammaGammaParams> => ({ params, logLikelihood, iterations: result.iterations, converged: false, message: `Gamma-Gamma did not converge: ${message}` });
  const runaways = describeRunaways(NAMES, result.x, [params.p, params.q, params.v], RUNAWAY);
  if (runaways) return fail(`${runaways}, so the spends do not pin the model down.`);
  if (!Number.isFinite(logLikelihood)) return fail("the log-likelihood is not finite at the last parameters.");
  if (!result.converged) return fail(`${result.message}.`);
  if (params.q <= 1) {
    return fail(`q = ${params.q.toPrecision(3)} is not above 1, so the fitted spend distribution has no finite mean (too few repeat buyers, or a few extreme spends).`);
  }
  return { params, logLikelihood, iterations: result.iterations, converged: true, message: `Gamma-Gamma ${result.message} after ${result.iterations} iterations.` };
}

/**
 * E[spend per purchase day | x, zbar] = (p·v + p·x·zbar) / (p·x + q − 1): the population mean
 * p·v/(q−1) shrunk towards the customer's own mean as x grows; for x = 0 the population mean.
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, v } = params;
  if (!(q > 1)) throw new Error(`Gamma-Gamma needs q > 1 for a finite expected spend (q = ${q}).`);
  if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`x must be a whole number ≥ 0 (got ${x})`);
  if (x === 0) return (p * v) / (q - 1);
  if (!(Number.isFinite(zbar) && zbar >= 0)) throw new RangeError(`zbar must be a finite amount ≥ 0 (got ${zbar})`);
  return (p * v + p * x * zbar) / (p * x + q - 1);
}
