/** How long a failed job waits before its next attempt: 10 s · 2^(n−1) after the n-th, at most an hour. */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 60 * 60 * 1000;

/** The delay after the attempt-th failed attempt (1-based). */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_MAX_MS);
}
