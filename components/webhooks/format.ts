/** How the webhooks pages word a delivery's outcome (client-safe). */

/** "Delivered (200)", "Failed: Answered 500.", "Waiting for retry: Connection refused." */
export function outcomeText(m: { state: string; lastStatus: number | null; lastError: string | null }): string {
  if (m.state === "delivered") return `Delivered${m.lastStatus !== null ? ` (${m.lastStatus})` : ""}`;
  const why = m.lastError ?? (m.lastStatus !== null ? `Answered ${m.lastStatus}.` : null);
  if (m.state === "failed") return `Failed${why ? `: ${why}` : ""}`;
  return why ? `Not delivered yet: ${why} It will be retried.` : "Waiting to be sent";
}
