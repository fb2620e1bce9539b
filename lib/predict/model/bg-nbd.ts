/**
 * BG/NBD predictions per customer (Fader, Hardie and Lee 2005): the probability of being alive
 * (equation 11), the conditional expectation of purchases in the next t (equation 10) and the
 * unconditional expectation from the first purchase (equation 9). Time in any unit, as alpha.
 */
import type { BgNbdParams } from "../schemas";
import { aliveExpectationFor } from "./bg-nbd-expectation";

/** P(alive | x, tx, T) = 1 / (1 + [x > 0]·a/(b+x−1)·((α+T)/(α+tx))^(r+x)). */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  checkCustomer(x, tx, T);
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const lnOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/** Conditional expectation of purchases in (T, T + t] (paper eq. 10): P(alive) × E[purchases | alive]. */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkHorizon(t);
  const alive = probabilityAlive(params, x, tx, T);
  return alive * aliveExpectation(params)(x, t / (params.alpha + T));
}

/** Unconditional E[X(t)] for a customer observed for t since the first purchase (paper eq. 9); for the cumulative chart. */
export function expectedPurchasesFromStart(params: BgNbdParams, t: number): number {
  checkHorizon(t);
  return aliveExpectation(params)(0, t / params.alpha);
}

// Scoring calls these once per customer with the same parameters: keep the per-x constants of
// the last parameters seen (compared by value, so a fresh but equal object still hits).
let last: { r: number; a: number; b: number; evaluate: (x: number, s: number) => number } | undefined;

function aliveExpectation({ r, a, b }: BgNbdParams): (x: number, s: number) => number {
  if (!last || last.r !== r || last.a !== a || last.b !== b) last = { r, a, b, evaluate: aliveExpectationFor(r, a, b) };
  return last.evaluate;
}

function checkCustomer(x: number, tx: number, T: number): void {
  if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`x must be a whole number ≥ 0 (got ${x})`);
  if (!(Number.isFinite(T) && T >= 0 && tx >= 0 && tx <= T)) throw new RangeError(`need 0 ≤ tx ≤ T, both finite (got tx = ${tx}, T = ${T})`);
}

function checkHorizon(t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`the horizon t must be a finite number ≥ 0 (got ${t})`);
}
