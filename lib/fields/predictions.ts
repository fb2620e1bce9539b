/**
 * The prediction fields (issue 14, docs/decisions/018-predictions.md): each customer's numbers from
 * the workspace's last prediction refresh, read from "CustomerPrediction". A customer without a
 * paid order (or before the first refresh) has no prediction: every one of these is empty.
 */
import { CHURN_RISKS, type ChurnRisk } from "@/lib/predict/schemas";
import type { FieldDefinition, FieldOption, FieldType, PredictionColumn } from "./types";

/** Prefix of the prediction fields' keys. */
export const PREDICTION_PREFIX = "prediction.";

const CHURN_RISK_LABELS: Readonly<Record<ChurnRisk, string>> = { low: "Low", medium: "Medium", high: "High" };

/** Options of the churn-risk field, lowest risk first. */
export const CHURN_RISK_OPTIONS: readonly FieldOption[] = CHURN_RISKS.map((key) => ({ key, label: CHURN_RISK_LABELS[key] }));

const AS_OF = "As of the last prediction refresh; empty for customers without a paid order.";

function prediction(column: PredictionColumn, label: string, type: FieldType, description: string, options?: readonly FieldOption[]): FieldDefinition {
  return {
    key: `${PREDICTION_PREFIX}${column}`,
    label,
    group: "Predictions",
    type,
    source: { kind: "prediction", column },
    ...(options ? { options } : {}),
    description: `${description} ${AS_OF}`,
    derived: true,
  };
}

/** The prediction fields, in picker order. */
export const PREDICTION_FIELDS: readonly FieldDefinition[] = [
  prediction("probabilityAlive", "Probability still active", "number", "The chance (0 to 1) that the customer still buys from you, judged from how often and how recently they bought."),
  prediction("churnRisk", "Churn risk", "select", "Low when the probability still active is at least 0.7, medium from 0.3, high below 0.3.", CHURN_RISK_OPTIONS),
  prediction("purchases30", "Expected purchases, next 30 days", "number", "How many days with a purchase the customer is expected to have in the next 30 days."),
  prediction("purchases90", "Expected purchases, next 90 days", "number", "How many days with a purchase the customer is expected to have in the next 90 days."),
  prediction("purchases365", "Expected purchases, next 12 months", "number", "How many days with a purchase the customer is expected to have in the next 365 days."),
  prediction("averageOrderValue", "Expected order value", "money", "What the customer is expected to spend on a day they buy, from their own past spend and everyone's."),
  prediction("value12m", "Predicted 12-month value", "money", "Expected purchases in the next 12 months × expected order value (not discounted)."),
];
