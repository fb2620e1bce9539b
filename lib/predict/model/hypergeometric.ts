/**
 * Gauss hypergeometric series ₂F₁(a, b; c; z) for |z| < 1, the building block of the BG/NBD
 * expectation (bg-nbd-expectation.ts picks the transformation that makes the series short). No
 * maintained npm package offers ₂F₁ (the @stdlib family has none), so the series is ours and is
 * tested against closed forms and values computed independently with mpmath.
 */

const EPSILON = 1e-17;
const DEFAULT_MAX_TERMS = 100_000;

/**
 * Σ_{n≥1} tₙ with t₁ = first and tₙ₊₁ = tₙ·(a+n)(b+n)z / ((c+n)(n+1)): the tail of a Gauss series
 * with any normalisation of its first term (so callers can cancel a factor of b or c exactly).
 * Summation ends once every Pochhammer factor is positive (before that, terms can shrink and grow
 * again) and the remaining terms, bounded by a geometric series, are below rounding. If
 * `magnitude` is given, magnitude[0] receives Σ|tₙ| (how much the terms cancel).
 */
export function gaussSeriesTail(first: number, a: number, b: number, c: number, z: number, maxTerms = DEFAULT_MAX_TERMS, magnitude?: Float64Array): number {
  if (!(Math.abs(z) < 1)) throw new RangeError(`the hypergeometric series converges for |z| < 1 only (z = ${z})`);
  const settled = Math.max(0, -a, -b, -c);
  let term = first;
  let sum = first;
  let compensation = 0; // Neumaier summation: long series near |z| = 1 add up many terms
  let absolute = Math.abs(first);
  for (let n = 1; n < maxTerms; n++) {
    const shrink = Math.abs(((a + n) * (b + n) * z) / ((c + n) * (n + 1)));
    if (term === 0 || (n > settled && shrink < 1 && (Math.abs(term) * shrink) / (1 - shrink) <= EPSILON * Math.abs(sum))) {
      if (magnitude) magnitude[0] = absolute;
      return sum + compensation;
    }
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    absolute += Math.abs(term);
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
  }
  throw new Error(`the hypergeometric series did not converge in ${maxTerms} terms (a = ${a}, b = ${b}, c = ${c}, z = ${z})`);
}

/** ₂F₁(a, b; c; z) by its series, for |z| < 1 and c not a non-positive integer (magnitude: as gaussSeriesTail, plus 1). */
export function hyp2f1Series(a: number, b: number, c: number, z: number, magnitude?: Float64Array): number {
  const value = 1 + gaussSeriesTail((a * b * z) / c, a, b, c, z, DEFAULT_MAX_TERMS, magnitude);
  if (magnitude) magnitude[0] += 1;
  return value;
}

/** (₂F₁(a, b; c; z) − 1) / b, exact also as b → 0 (where it is Σ (a)ₙ zⁿ / ((c)ₙ n)). */
export function hyp2f1Excess(a: number, b: number, c: number, z: number, magnitude?: Float64Array): number {
  return gaussSeriesTail((a * z) / c, a, b, c, z, DEFAULT_MAX_TERMS, magnitude);
}

/** The value at `at` of the polynomial through (nodes[i], values[i]) (Lagrange form; few nodes). */
export function lagrangeInterpolate(nodes: readonly number[], values: readonly number[], at: number): number {
  let result = 0;
  for (let i = 0; i < nodes.length; i++) {
    let basis = 1;
    for (let j = 0; j < nodes.length; j++) if (j !== i) basis *= (at - nodes[j]) / (nodes[i] - nodes[j]);
    result += basis * values[i];
  }
  return result;
}
