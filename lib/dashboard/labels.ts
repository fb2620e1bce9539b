/** Display labels of breakdown values and category keys. Pure. */
import { CHURN_RISK_OPTIONS, GENDER_OPTIONS, LIFECYCLE_STAGE_OPTIONS, type FieldOption } from "@/lib/fields/catalog";
import { ageBandLabel } from "./age-bands";
import type { BreakdownDimension } from "./types";

export const NOT_SET = "Not set";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

function displayName(names: Intl.DisplayNames, code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed code: show it as stored
  }
}

function optionLabel(options: readonly FieldOption[], key: string): string {
  return options.find((o) => o.key === key)?.label ?? key;
}

/** The label of one breakdown value; null is "Not set". deviceOptions: the device field's options. */
export function breakdownLabel(dimension: BreakdownDimension, key: string | null, deviceOptions: readonly FieldOption[] = []): string {
  if (dimension === "rfm") return key ?? "No RFM score (no paid order, or not computed yet)";
  if (dimension === "churnRisk") return key === null ? "No prediction (no paid order, or not computed yet)" : optionLabel(CHURN_RISK_OPTIONS, key);
  if (key === null || key === "") return NOT_SET;
  switch (dimension) {
    case "country":
      return displayName(regionNames, key);
    case "language":
      return displayName(languageNames, key);
    case "gender":
      return optionLabel(GENDER_OPTIONS, key);
    case "lifecycleStage":
      return optionLabel(LIFECYCLE_STAGE_OPTIONS, key);
    case "ageBand":
      return ageBandLabel(key);
    case "device":
      return optionLabel(deviceOptions, key);
  }
}

/** Churn-risk rows from high to low risk, customers without a prediction last. */
export function inRiskOrder<R extends { key: string | null }>(rows: readonly R[]): R[] {
  const rank = (key: string | null) => (key === "high" ? 0 : key === "medium" ? 1 : key === "low" ? 2 : 3);
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
}

/** A product category's label (one definition, shared with the rest of the product). */
export { categoryLabel } from "@/lib/fields/value-labels";
