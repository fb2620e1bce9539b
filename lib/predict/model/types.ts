/**
 * The shapes the CLV models read and return. Time is in whatever unit the caller uses (the
 * engine uses days): the models are unit-agnostic, alpha comes back in that unit.
 */

/** One customer's calibration summary, or `count` identical customers (grouped rows make fits fast). */
export interface PurchaseSummary {
  /** Repeat purchases: purchase days after the first one. */
  x: number;
  /** Time from the first purchase to the last one (0 when x = 0). */
  tx: number;
  /** Time from the first purchase to the end of calibration. */
  T: number;
  /** How many customers share this summary (default 1). */
  count?: number;
}

/** One repeat buyer's spend summary; rows with x = 0 are ignored by Gamma-Gamma. */
export interface SpendSummary {
  /** Repeat purchases (purchase days after the first one). */
  x: number;
  /** Mean value of the repeat purchase days. */
  zbar: number;
  /** How many customers share this summary (default 1). */
  count?: number;
}

/** A maximum-likelihood fit: the parameters, the total log-likelihood, and whether the optimizer converged. */
export interface FitResult<P> {
  params: P;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** In words: why the fit did not converge, or how it ended. */
  message?: string;
}

/** Optimizer settings; `initial` overrides the data-derived starting point. */
export interface FitOptions<P = Record<string, number>> {
  /** Quasi-Newton iterations before giving up (default 200). */
  maxIterations?: number;
  /** Target precision of the log-parameters (default 1e-8): the fit stops when the next step is smaller. */
  tolerance?: number;
  initial?: Partial<P>;
}
