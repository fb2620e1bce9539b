/**
 * Special functions for the CLV models. Log-gamma and digamma come from the maintained
 * @stdlib packages; what is ours here is only glue (the sign of Γ for negative arguments, and
 * an accurate difference quotient of log-gamma).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import digamma from "@stdlib/math-base-special-digamma";

export { gammaln, digamma };

/** The sign of Γ(x): +1 for x > 0; for x < 0 it alternates between the poles; 0 at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

// Gauss-Legendre nodes and weights on [0, 1] (8 points), for the mean of ψ over a short interval.
const GL_NODES = [
  0.019855071751231884, 0.10166676129318664, 0.2372337950418355, 0.4082826787521751,
  0.591717321247825, 0.7627662049581645, 0.8983332387068134, 0.9801449282487681,
];
const GL_WEIGHTS = [
  0.05061426814518813, 0.11119051722668724, 0.15685332293894363, 0.181341891689181,
  0.181341891689181, 0.15685332293894363, 0.11119051722668724, 0.05061426814518813,
];

/**
 * (lnΓ(z + d) − lnΓ(z)) / d for z > 0 and z + d > 0, accurate also when d is tiny (then it is the
 * mean of ψ over [z, z + d], integrated by Gauss-Legendre; the plain difference would cancel).
 * At d = 0 it is ψ(z).
 */
export function gammalnDifferenceQuotient(z: number, d: number): number {
  if (d === 0) return digamma(z);
  const near = Math.min(z, z + d);
  if (Math.abs(d) > 0.25 * near) return (gammaln(z + d) - gammaln(z)) / d;
  let sum = 0;
  for (let i = 0; i < GL_NODES.length; i++) sum += GL_WEIGHTS[i] * digamma(z + d * GL_NODES[i]);
  return sum;
}
