/** How import jobs read in the UI: status labels and badge colours, counts. Pure. */
import type { BadgeVariant } from "@/components/ui/badge";
import { formatCount } from "@/lib/format";
import type { ImportStatus } from "@/lib/import/types";

export const STATUS_LABELS: Readonly<Record<ImportStatus, string>> = {
  pending: "Waiting for mapping",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
};

export const STATUS_BADGES: Readonly<Record<ImportStatus, BadgeVariant>> = {
  pending: "neutral",
  running: "brand",
  completed: "success",
  failed: "danger",
};

/** "1 row" / "2,240 rows". */
export function rows(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "row" : "rows"}`;
}

/** The counts of a job as one line: "2,238 created, 0 updated, 0 skipped, 2 failed". */
export function countsLine(c: { created: number; updated: number; skipped: number; failed: number }): string {
  return `${formatCount(c.created)} created, ${formatCount(c.updated)} updated, ${formatCount(c.skipped)} skipped, ${formatCount(c.failed)} failed`;
}
