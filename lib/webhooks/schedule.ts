/**
 * When a failed message is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and
 * 24 h (with up to 10 % jitter, so endpoints that failed together are not retried together), then
 * given up. A Retry-After header (seconds or an HTTP date) replaces the schedule's delay.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Delays before retries 1–9; the message fails after the attempt that follows the last one. */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;

/** Attempts in all: the first and one per retry. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint whose deliveries all failed for this long is disabled. */
export const FAILING_DISABLE_MS = 5 * 24 * HOUR;

const RETRY_AFTER_MAX_MS = 24 * HOUR;

/** Milliseconds a Retry-After value asks for (clamped to 1 s – 24 h), or null when it is absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * SECOND;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, SECOND), RETRY_AFTER_MAX_MS);
}

/**
 * When the next attempt is due after `attempts` failed ones, or null when the message has had all
 * its attempts. `random` is injectable for tests.
 */
export function nextAttemptAt(attempts: number, now: Date, retryAfter: number | null, random: () => number = Math.random): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  if (retryAfter !== null) return new Date(now.getTime() + retryAfter);
  const delay = RETRY_DELAYS_MS[Math.max(attempts - 1, 0)];
  return new Date(now.getTime() + Math.round(delay * (1 + 0.1 * random())));
}
