/**
 * The CLV models, pure and unit-agnostic: BG/NBD (who buys again, and how often) and Gamma-Gamma
 * (how much per purchase day). No database here; lib/predict/* feeds them summaries.
 */
export type { FitOptions, FitResult, PurchaseSummary, SpendSummary } from "./types";
export { bgNbdLogLikelihood, fitBgNbd } from "./bg-nbd-fit";
export { expectedPurchases, expectedPurchasesFromStart, probabilityAlive } from "./bg-nbd";
export { aliveExpectationFor, expectedPurchasesIfAlive } from "./bg-nbd-expectation";
export { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma";
