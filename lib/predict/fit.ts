/**
 * Fitting a workspace's two models on its grouped summary, with every way a fit can fail turned
 * into a message for the person who asked (never numbers stored as if the fit had worked). Pure.
 */
import { fitBgNbd, fitGammaGamma, type PurchaseSummary, type SpendSummary } from "./model";
import { bgNbdParamsSchema, gammaGammaParamsSchema, type BgNbdParams, type PredictionParams } from "./schemas";

/** A fit that worked, or why not. */
export type FitOutcome<P> = { ok: true; params: P } | { ok: false; message: string };

function failure(model: string, e: unknown): { ok: false; message: string } {
  return { ok: false, message: `The ${model} could not be fitted: ${e instanceof Error ? e.message : String(e)}.` };
}

/** BG/NBD on grouped (x, t_x, T) rows; not converged or parameters out of range is a failure. */
export function fitPurchaseModel(groups: readonly PurchaseSummary[]): FitOutcome<BgNbdParams & { logLikelihood: number; iterations: number }> {
  let fit;
  try {
    fit = fitBgNbd([...groups]);
  } catch (e) {
    return failure("purchase model (BG/NBD)", e);
  }
  if (!fit.converged) return { ok: false, message: `The purchase model (BG/NBD) did not converge after ${fit.iterations} iterations${fit.message ? `: ${fit.message}` : ""}.` };
  const params = bgNbdParamsSchema.safeParse(fit.params);
  if (!params.success || !Number.isFinite(fit.logLikelihood)) {
    return { ok: false, message: `The purchase model (BG/NBD) ended with parameters out of range (r ${fit.params.r}, alpha ${fit.params.alpha}, a ${fit.params.a}, b ${fit.params.b}).` };
  }
  return { ok: true, params: { ...params.data, logLikelihood: fit.logLikelihood, iterations: fit.iterations } };
}

/**
 * Gamma-Gamma on grouped (x, zbar) rows of repeat buyers. q ≤ 1 is a failure too: the expected
 * spend per purchase day, v·p / (q − 1), then has no finite value.
 */
export function fitSpendModel(groups: readonly SpendSummary[]): FitOutcome<PredictionParams["gammaGamma"]> {
  let fit;
  try {
    fit = fitGammaGamma([...groups]);
  } catch (e) {
    return failure("spend model (Gamma-Gamma)", e);
  }
  if (!fit.converged) return { ok: false, message: `The spend model (Gamma-Gamma) did not converge after ${fit.iterations} iterations${fit.message ? `: ${fit.message}` : ""}.` };
  const params = gammaGammaParamsSchema.safeParse(fit.params);
  if (!params.success || !Number.isFinite(fit.logLikelihood)) {
    return { ok: false, message: `The spend model (Gamma-Gamma) ended with parameters out of range (p ${fit.params.p}, q ${fit.params.q}, v ${fit.params.v}).` };
  }
  if (params.data.q <= 1) {
    return { ok: false, message: `The spend model (Gamma-Gamma) gave q = ${params.data.q.toPrecision(3)}, at most 1: the average spend per purchase would have no finite expected value (a few very large purchases dominate the data).` };
  }
  return { ok: true, params: { ...params.data, logLikelihood: fit.logLikelihood, iterations: fit.iterations } };
}

/** Both models, BG/NBD first; the first failure is the outcome. */
export function fitModels(purchases: readonly PurchaseSummary[], spend: readonly SpendSummary[]): FitOutcome<PredictionParams> {
  const bgnbd = fitPurchaseModel(purchases);
  if (!bgnbd.ok) return bgnbd;
  const gammaGamma = fitSpendModel(spend);
  if (!gammaGamma.ok) return gammaGamma;
  return { ok: true, params: { bgnbd: bgnbd.params, gammaGamma: gammaGamma.params } };
}
