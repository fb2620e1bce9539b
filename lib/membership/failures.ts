/**
 * Failures of the membership engine are isolated (a segment, a workspace) and reported here, so
 * one broken definition or workspace never stops the others; a failing full evaluation is retried
 * with a growing pause instead of on every pass of the worker (every 500 ms).
 */

const MIN_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;

/** Logs what failed, with the error, for the operator (the server's log). */
export function reportMembershipFailure(what: string, error: unknown): void {
  console.error(`Stored membership: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Per key: consecutive failures and when the next attempt may run. */
export class RetryPauses {
  private readonly pauses = new Map<string, { failures: number; until: number }>();

  /** Whether key may be attempted at now. */
  due(key: string, now: number): boolean {
    const pause = this.pauses.get(key);
    return !pause || pause.until <= now;
  }

  /** Records a failure: the next attempt waits 5 s, doubling up to 10 min. */
  failed(key: string, now: number): void {
    const failures = (this.pauses.get(key)?.failures ?? 0) + 1;
    this.pauses.set(key, { failures, until: now + Math.min(MIN_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS) });
  }

  succeeded(key: string): void {
    this.pauses.delete(key);
  }
}
