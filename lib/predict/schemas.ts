/**
 * The JSON columns of "PredictionRun" (migration 20261205000000_predictions), parsed by zod when
 * read back: the fitted parameters, the calibration-vs-holdout check and the page's distribution.
 * Time in the models is in days; horizons are 30, 90 and 365 days.
 */
import { z } from "zod";

export const CHURN_RISKS = ["low", "medium", "high"] as const;
export type ChurnRisk = (typeof CHURN_RISKS)[number];

export const PREDICTION_ATTEMPT_STATUSES = ["ok", "insufficient", "not_converged"] as const;
export type PredictionAttemptStatus = (typeof PREDICTION_ATTEMPT_STATUSES)[number];

const positive = z.number().positive().finite();

/** BG/NBD (Fader, Hardie and Lee 2005): purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b); alpha in days. */
export const bgNbdParamsSchema = z.strictObject({ r: positive, alpha: positive, a: positive, b: positive });
export type BgNbdParams = z.infer<typeof bgNbdParamsSchema>;

/** Gamma-Gamma (Fader and Hardie 2013): spend per purchase day ~ Gamma(p, nu), nu ~ Gamma(q, v). */
export const gammaGammaParamsSchema = z.strictObject({ p: positive, q: positive, v: positive });
export type GammaGammaParams = z.infer<typeof gammaGammaParamsSchema>;

/** PredictionRun.params. */
export const predictionParamsSchema = z.strictObject({
  bgnbd: bgNbdParamsSchema.extend({ logLikelihood: z.number().finite(), iterations: z.number().int().nonnegative() }),
  gammaGamma: gammaGammaParamsSchema.extend({ logLikelihood: z.number().finite(), iterations: z.number().int().nonnegative() }),
});
export type PredictionParams = z.infer<typeof predictionParamsSchema>;

/**
 * PredictionRun.check: the models fitted again on the history up to calibrationEnd, their
 * predictions for the holdout period (calibrationEnd, holdoutEnd] against what customers did.
 * null when the history is too short for a holdout (the message says so).
 */
export const predictionCheckSchema = z.strictObject({
  calibrationEnd: z.iso.date(),
  holdoutEnd: z.iso.date(),
  holdoutDays: z.number().int().positive(),
  params: bgNbdParamsSchema,
  /** Per number of repeat purchases in calibration (the last bucket is "this many or more"). */
  byFrequency: z.array(z.strictObject({
    repeatPurchases: z.number().int().nonnegative(),
    orMore: z.boolean(),
    customers: z.number().int().nonnegative(),
    predicted: z.number().nonnegative(),
    actual: z.number().nonnegative(),
  })),
  /** Cumulative repeat purchase days of the calibration cohort, per week from the first purchase date. */
  cumulative: z.array(z.strictObject({
    date: z.iso.date(),
    predicted: z.number().nonnegative(),
    actual: z.number().nonnegative(),
  })),
  /** Repeat purchase days in the holdout: predicted total vs actual total. */
  totalPredicted: z.number().nonnegative(),
  totalActual: z.number().nonnegative(),
}).nullable();
export type PredictionCheck = z.infer<typeof predictionCheckSchema>;

/** PredictionRun.distribution: predicted 12-month value in buckets, and customers per churn-risk band. */
export const predictionDistributionSchema = z.strictObject({
  value12m: z.array(z.strictObject({ lo: z.number(), hi: z.number(), customers: z.number().int().nonnegative() })),
  churnRisk: z.strictObject({ low: z.number().int().nonnegative(), medium: z.number().int().nonnegative(), high: z.number().int().nonnegative() }),
  totalValue12m: z.number(),
});
export type PredictionDistribution = z.infer<typeof predictionDistributionSchema>;
