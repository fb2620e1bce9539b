/** Why a customer entered or left a segment, in the words a marketing user reads. Pure. */

/** The causes of "MembershipCause" in the change log. */
export const MEMBERSHIP_CAUSES = ["write", "day_change", "definition_change", "rfm_refresh", "prediction_refresh", "full_refresh"] as const;
export type MembershipCause = (typeof MEMBERSHIP_CAUSES)[number];

const LABELS: Record<MembershipCause, string> = {
  write: "a change to the customer",
  day_change: "a new day",
  definition_change: "the segment's rules changed",
  rfm_refresh: "RFM refresh",
  prediction_refresh: "prediction refresh",
  full_refresh: "full refresh",
};

/** The cause in words ("a new day"); an unknown cause is shown as it is stored. */
export function causeLabel(cause: string): string {
  return (LABELS as Record<string, string>)[cause] ?? cause;
}
