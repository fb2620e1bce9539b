/** The live count's warnings: matches nobody, everyone, or too few to act on. Client-safe. */
import { formatCount, formatShare } from "@/lib/format";

/** Below this share of all customers (or this many people) a segment is too small to act on. */
export const SMALL_SHARE = 0.01;
export const SMALL_PEOPLE = 50;

/** The warnings of a count of `members` out of `total` customers. */
export function countWarnings(members: number, total: number): string[] {
  if (total === 0) return ["This workspace has no customers yet, so every segment is empty."];
  if (members === 0) return ["This segment matches nobody. Loosen a condition."];
  if (members === total) return ["This segment matches every customer. Add a condition that narrows it."];
  if (members < SMALL_PEOPLE || members / total < SMALL_SHARE) {
    return [`Too small to act on: ${formatCount(members)} ${members === 1 ? "person" : "people"} (${formatShare(members / total)} of customers), below ${SMALL_PEOPLE} people or 1% of customers.`];
  }
  return [];
}
