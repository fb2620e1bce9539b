import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_MS, retryAfterMs } from "./schedule";

const now = new Date("2026-12-02T10:00:00Z");

describe("the retry schedule", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up", () => {
    const hours = RETRY_DELAYS_MS.map((ms) => ms / 3600_000);
    expect(hours).toEqual([5 / 3600, 5 / 60, 0.5, 2, 5, 10, 14, 20, 24]);
    expect(MAX_ATTEMPTS).toBe(10);
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      expect(nextAttemptAt(attempts, now, null, () => 0)!.getTime() - now.getTime()).toBe(RETRY_DELAYS_MS[attempts - 1]);
      // Jitter adds at most 10 %.
      expect(nextAttemptAt(attempts, now, null, () => 0.999)!.getTime() - now.getTime()).toBeLessThanOrEqual(RETRY_DELAYS_MS[attempts - 1] * 1.1);
    }
    expect(nextAttemptAt(MAX_ATTEMPTS, now, null)).toBeNull();
  });

  it("lets Retry-After decide, in seconds or as a date, within 1 s and 24 h", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Wed, 02 Dec 2026 10:10:00 GMT", now)).toBe(600_000);
    expect(retryAfterMs("0", now)).toBe(1000);
    expect(retryAfterMs("999999", now)).toBe(24 * 3600_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    expect(nextAttemptAt(1, now, 120_000)!.getTime()).toBe(now.getTime() + 120_000);
    expect(nextAttemptAt(MAX_ATTEMPTS, now, 120_000)).toBeNull();
  });
});
