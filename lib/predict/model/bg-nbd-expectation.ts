/**
 * Expected purchases in the next t of a BG/NBD customer who is still alive, the hard part of
 * equation (10) of Fader, Hardie and Lee (2005):
 *
 *   E[Y(t) | alive] = C/ε · (1 − (1−z)^A · ₂F₁(A, B; C; z)),   z = t / (α + T + t),
 *   A = r + x, B = b + x, C = a + b + x − 1, ε = a − 1.
 *
 * z runs to 1 for long horizons against short histories (365 days after a first purchase last
 * week), where the plain series needs thousands of terms. With s = t/(α+T), z = s/(1+s):
 * - Euler's transformation gives (1−z)^A ₂F₁(A, B; C; z) = (1−z)^ε ₂F₁(C−A, ε; C; z), whose
 *   terms fall fast when x is large and whose 1/ε cancels analytically (a = 1 is no special
 *   case). Used for z ≤ 1/2, and beyond when the connection formula below would cancel.
 * - For z > 1/2 the connection formula to 1 − z = 1/(1+s) (DLMF 15.8.4, then Euler on its first
 *   series) sums two series at an argument below 1/2, whatever the horizon. It divides by Γ(−m),
 *   m = r + x + 1 − a, so it is singular at integer m: near one, the value is interpolated from
 *   nodes on either side (the expectation is analytic in r and a). When its two halves cancel
 *   (large b, or large x with z near 1/2) it is not used.
 */
import { gaussSeriesTail, hyp2f1Excess, hyp2f1Series, lagrangeInterpolate } from "./hypergeometric";
import { gammaln, gammalnDifferenceQuotient, gammaSign } from "./special";

const Z_SPLIT = 0.5;
/** Node spacing (in m) of the interpolation across an integer m; within 0.6 spacing counts as "at" it. */
const NODE_SPACING = 0.0005;
const NODE_OFFSETS = [-2, -1, 1, 2];
/** The connection formula is used while its estimated rounding error stays below this, relative. */
const MAX_RELATIVE_ERROR = 1e-10;
/** Beyond this s, Euler's series (≈ 40(1 + s) terms) is too long: the connection formula is accepted up to LAST_RESORT_ERROR. */
const EULER_MAX_S = 50_000;
const LAST_RESORT_ERROR = 1e-6;
const ROUNDING = 2.3e-16;
/** Scratch for the series' Σ|terms| and the connection formula's error estimate (module-level: allocating per call costs more than the call). */
const magnitude = new Float64Array(1);
const estimate = new Float64Array(1);

/**
 * E[purchases in the next t | alive] for BG/NBD shapes r, a, b, x repeat purchases and
 * s = t / (α + T) ≥ 0 (α and T only enter through s).
 */
export function expectedPurchasesIfAlive(r: number, a: number, b: number, x: number, s: number): number {
  return evaluate(r, a, b, x, s, connectionFor(r, a, b, x));
}

/**
 * The same for fixed r, a, b and many customers: what depends only on x (log-gammas, digammas)
 * is computed once per distinct x.
 */
export function aliveExpectationFor(r: number, a: number, b: number): (x: number, s: number) => number {
  const perX = new Map<number, Connection>();
  return (x, s) => {
    let connection = perX.get(x);
    if (!connection) {
      connection = connectionFor(r, a, b, x);
      perX.set(x, connection);
    }
    return evaluate(r, a, b, x, s, connection);
  };
}

function evaluate(r: number, a: number, b: number, x: number, s: number, connection: Connection): number {
  if (s === 0) return 0;
  if (s === Infinity) return a > 1 ? (a + b + x - 1) / (a - 1) : Infinity;
  if (s / (1 + s) <= Z_SPLIT) return viaEulerSeries(r, a, b, x, s);
  const far = connectionValue(connection, s);
  if (estimate[0] <= MAX_RELATIVE_ERROR * Math.abs(far)) return far;
  // Euler's series needs about 40/(1 − z) = 40(1 + s) terms: affordable unless s is huge, and
  // then the connection formula is the better of two imperfect answers if it is still good.
  if (s <= EULER_MAX_S) return viaEulerSeries(r, a, b, x, s);
  if (estimate[0] <= LAST_RESORT_ERROR * Math.abs(far)) return far;
  throw new Error(`BG/NBD expectation: no accurate evaluation for r = ${r}, a = ${a}, b = ${b}, x = ${x}, t/(alpha+T) = ${s} (extreme parameters)`);
}

/** C·(1 − (1−z)^ε (1 + ε·S))/ε with S = (₂F₁(C−A, ε; C; z) − 1)/ε. */
function viaEulerSeries(r: number, a: number, b: number, x: number, s: number): number {
  const A = r + x;
  const C = a + b + x - 1;
  const eps = a - 1;
  const z = s / (1 + s);
  const lnOneMinusZ = -Math.log1p(s);
  const head = eps === 0 ? -lnOneMinusZ : -Math.expm1(eps * lnOneMinusZ) / eps;
  // C·S summed with C cancelled in its first term, so C near 0 (x = 0, a + b near 1) is harmless.
  const cTimesS = gaussSeriesTail((C - A) * z, C - A, eps, C, z, 10_000_000);
  return C * head - Math.exp(eps * lnOneMinusZ) * cTimesS;
}

/** The s-independent part of the connection formula: one set of constants, or interpolation nodes across an integer m. */
type Connection =
  | { kind: "direct"; constants: FarConstants }
  | { kind: "interpolated"; m: number; nodes: number[]; constants: FarConstants[] };

function connectionFor(r: number, a: number, b: number, x: number): Connection {
  const m = r + x + 1 - a;
  const nearest = Math.round(m);
  // Move whichever of r and a is larger (both move m), so both stay positive at every node.
  const spacing = Math.min(NODE_SPACING, Math.max(r, a) / 10);
  if (Math.abs(m - nearest) >= 0.6 * spacing) return { kind: "direct", constants: farConstants(r, a, b, x) };
  const nodes = NODE_OFFSETS.map((k) => nearest + k * spacing);
  const constants = nodes.map((node) => (r >= a ? farConstants(r + (node - m), a, b, x) : farConstants(r, a - (node - m), b, x)));
  return { kind: "interpolated", m, nodes, constants };
}

/** The connection formula's value at s; estimate[0] receives its estimated absolute rounding error. */
function connectionValue(connection: Connection, s: number): number {
  if (connection.kind === "direct") return farValue(connection.constants, s);
  const values: number[] = [];
  let error = 0;
  for (const constants of connection.constants) {
    values.push(farValue(constants, s));
    error += estimate[0];
  }
  // The Lagrange weights at an interior point are at most ~2 in size.
  estimate[0] = 2 * error;
  return lagrangeInterpolate(connection.nodes, values, connection.m);
}

/**
 * The connection formula for z > 1/2, with y = 1 − z = 1/(1+s), κ = a + b − 1 − r:
 *   I₁ = −Γ(C+1)Γ(−m) / (Γ(κ)Γ(a)) · y^A · z^(1−C) · ₂F₁(2−a, 1−κ; m+1; y)
 *   I₂ = C/ε · (1 − P·₂F₁(κ, ε; 1−m; y)),   P = y^ε Γ(C)Γ(m) / (Γ(A)Γ(B)).
 * These constants hold the log-gammas of both (and their sizes, for the error estimate).
 */
interface FarConstants {
  A: number; C: number; a: number; eps: number; m: number; kappa: number;
  /** ln|Γ(C+1)Γ(−m)/(Γ(κ)Γ(a))|, its sign (0: I₁ vanishes), and the sum of the logs' sizes. */
  lnFirst: number; firstSign: number; firstLogs: number;
  /** λ route (m > 0, C > 0, |ε| ≤ 1/2): λ − ln y = (lnΓ(C) − lnΓ(B))/ε − (lnΓ(A) − lnΓ(m))/ε, exact as ε → 0. */
  useLambda: boolean; lambdaBase: number;
  /** Otherwise: ln|Γ(C+1)Γ(m)/(Γ(A)Γ(B))|, its sign, the logs' sizes. */
  lnSecond: number; secondSign: number; secondLogs: number;
}

function farConstants(r: number, a: number, b: number, x: number): FarConstants {
  const A = r + x;
  const B = b + x;
  const C = a + b + x - 1;
  const eps = a - 1;
  const m = A - eps;
  const kappa = a + b - 1 - r;
  // Log-gammas of large, close arguments are paired into differences computed without
  // cancellation (C + 1 = κ + A + 1, C + 1 = B + a, A = m + ε); the sizes that remain bound the rounding.
  const firstParts = [lnGammaStep(kappa, A + 1), gammaln(-m), -gammaln(a)];
  const useLambda = m > 0 && C > 0 && Math.abs(eps) <= 0.5;
  const secondParts = useLambda ? [0] : [lnGammaStep(B, a), -lnGammaStep(m, eps)];
  return {
    A, C, a, eps, m, kappa,
    lnFirst: sum(firstParts), firstSign: -gammaSign(-m) * gammaSign(kappa), firstLogs: absSum(firstParts),
    useLambda,
    lambdaBase: useLambda ? gammalnDifferenceQuotient(B, eps) - gammalnDifferenceQuotient(m, eps) : 0,
    lnSecond: sum(secondParts), secondSign: gammaSign(m), secondLogs: absSum(secondParts),
  };
}

/** ln|Γ(z + d)| − ln|Γ(z)|, without cancellation when both arguments are positive. */
function lnGammaStep(z: number, d: number): number {
  return z > 0 && z + d > 0 ? d * gammalnDifferenceQuotient(z, d) : gammaln(z + d) - gammaln(z);
}

/**
 * I₁ + I₂ at s; estimate[0] receives its estimated absolute rounding error. Each part is
 * exp(a sum of logs) times a series: its rounding error grows with the size of those logs and
 * with how much the series' own terms cancel, and the parts' errors add up however much the
 * parts then cancel each other (large b, or large x with z near 1/2).
 */
function farValue(k: FarConstants, s: number): number {
  const { A, C, a, eps, m, kappa } = k;
  const y = 1 / (1 + s);
  const lnY = -Math.log1p(s);
  const lnZ = -Math.log1p(1 / s); // ln(s/(1+s)), without the cancellation of ln s − ln(1+s)
  let first = 0;
  let error = 0;
  if (k.firstSign !== 0) {
    const lnFactor = k.lnFirst + A * lnY + (1 - C) * lnZ;
    const factor = k.firstSign * Math.exp(lnFactor);
    const series = hyp2f1Series(2 - a, 1 - kappa, m + 1, y, magnitude);
    first = factor * series;
    const logs = k.firstLogs + Math.abs(A * lnY) + Math.abs((1 - C) * lnZ);
    error += Math.abs(factor) * ROUNDING * (Math.abs(series) * logs + 16 * magnitude[0]);
  }

  const excess = hyp2f1Excess(kappa, eps, 1 - m, y, magnitude);
  let head: number;
  let tail: number;
  if (k.useLambda) {
    // ln P = ε·λ exactly, so 1 − P loses nothing when a is near 1.
    const lambda = lnY + k.lambdaBase;
    const factor = C * Math.exp(eps * lambda);
    head = C * (eps === 0 ? -lambda : -Math.expm1(eps * lambda) / eps);
    tail = factor * excess;
    error += ROUNDING * ((Math.abs(head) + Math.abs(tail)) * (Math.abs(eps * lambda) + 8) + 16 * Math.abs(factor) * magnitude[0]);
  } else {
    const cTimesP = k.secondSign * Math.exp(eps * lnY + k.lnSecond);
    head = (C - cTimesP) / eps;
    tail = cTimesP * excess;
    const logs = k.secondLogs + Math.abs(eps * lnY);
    error += ROUNDING * ((Math.abs(C / eps) + Math.abs(cTimesP / eps) + Math.abs(tail)) * (logs + 8) + 16 * Math.abs(cTimesP) * magnitude[0]);
  }
  estimate[0] = error;
  return first + head - tail;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function absSum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += Math.abs(v);
  return total;
}
