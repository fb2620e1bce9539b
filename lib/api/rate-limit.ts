import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/lib/db/client";

/**
 * Per-key request limits (API.md, "Rate limits"), counted in PostgreSQL with rate-limiter-flexible's
 * Prisma store, so every server process shares them (on PGlite too). The default is
 * SEGMENTA_API_RATE_LIMIT requests per SEGMENTA_API_RATE_WINDOW seconds (1,200 per 60 s: 20 batches
 * of 1,000 a second); a key's own `rateLimit` overrides the count. Requests without a valid key are
 * counted per client address with the same limit.
 */
export interface RateLimitConfig {
  points: number;
  windowS: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${raw}").`);
  return value;
}

export function rateLimitConfig(): RateLimitConfig {
  return { points: positive("SEGMENTA_API_RATE_LIMIT", 1200), windowS: positive("SEGMENTA_API_RATE_WINDOW", 60) };
}

export interface RateLimitState {
  limited: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetS: number;
}

const limiters = new WeakMap<object, Map<string, RateLimiterPrisma>>();

function limiter(db: Db, points: number, windowS: number): RateLimiterPrisma {
  let byConfig = limiters.get(db.prisma);
  if (!byConfig) limiters.set(db.prisma, (byConfig = new Map()));
  const name = `${points}/${windowS}`;
  let found = byConfig.get(name);
  if (!found) {
    found = new RateLimiterPrisma({ storeClient: db.prisma, tableName: "rateLimit", keyPrefix: `api_${name}`, points, duration: windowS, clearExpiredByTimeout: false });
    byConfig.set(name, found);
  }
  return found;
}

/** Counts one request for `key` ("key:<id>" or "addr:<address>") against `points` per window. */
export async function consumeRequest(db: Db, key: string, points?: number | null): Promise<RateLimitState> {
  const config = rateLimitConfig();
  const limit = points ?? config.points;
  let res: RateLimiterRes;
  let limited = false;
  try {
    res = await limiter(db, limit, config.windowS).consume(key);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    res = e;
    limited = true;
  }
  return { limited, limit, remaining: Math.max(0, res.remainingPoints), resetS: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** The RateLimit-* headers of a response (and Retry-After when limited). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetS),
    ...(state.limited ? { "Retry-After": String(state.resetS) } : {}),
  };
}
