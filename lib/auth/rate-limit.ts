import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/lib/db/client";
import { addressLimitKey } from "@/lib/http/client-address";

/**
 * Sign-in limits (docs/decisions/009-sign-in-limits.md). Failures are counted in three windows:
 * per (email, client address) pair, per client address across emails (password spraying), and a
 * looser per-email ceiling across addresses (distributed guessing) that an address which has
 * signed in to the account before is not held to, so strangers cannot lock a user out of it.
 * Counters live in PostgreSQL (rate-limiter-flexible's Prisma store), shared by every process.
 */
export const SIGN_IN_LIMITS = {
  pair: { points: 5, durationS: 15 * 60 },
  address: { points: 20, durationS: 15 * 60 },
  email: { points: 50, durationS: 60 * 60 },
  /** How long a successful sign-in makes an address "known" to the account (exempt from the email ceiling). */
  knownAddressS: 30 * 24 * 60 * 60,
} as const;

/** The forgot-password form's limits: per client address and per email address asked about. */
export const FORGOT_PASSWORD_LIMITS = {
  address: { points: 5, durationS: 60 * 60 },
  email: { points: 3, durationS: 60 * 60 },
} as const;

type LimitName = "pair" | "address" | "email";

interface Limiters {
  pair: RateLimiterPrisma;
  address: RateLimiterPrisma;
  email: RateLimiterPrisma;
  known: RateLimiterPrisma;
  forgotAddress: RateLimiterPrisma;
  forgotEmail: RateLimiterPrisma;
}

const byClient = new WeakMap<object, Limiters>();

function limiters(db: Db): Limiters {
  let found = byClient.get(db.prisma);
  if (!found) {
    // Expired rows are removed by pruneExpired, not by the store's own timer (tests open many databases).
    const make = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPrisma({ storeClient: db.prisma, tableName: "rateLimit", keyPrefix, points, duration, clearExpiredByTimeout: false });
    found = {
      pair: make("signin_pair", SIGN_IN_LIMITS.pair.points, SIGN_IN_LIMITS.pair.durationS),
      address: make("signin_addr", SIGN_IN_LIMITS.address.points, SIGN_IN_LIMITS.address.durationS),
      email: make("signin_email", SIGN_IN_LIMITS.email.points, SIGN_IN_LIMITS.email.durationS),
      known: make("signin_known", 1, SIGN_IN_LIMITS.knownAddressS),
      forgotAddress: make("forgot_addr", FORGOT_PASSWORD_LIMITS.address.points, FORGOT_PASSWORD_LIMITS.address.durationS),
      forgotEmail: make("forgot_email", FORGOT_PASSWORD_LIMITS.email.points, FORGOT_PASSWORD_LIMITS.email.durationS),
    };
    byClient.set(db.prisma, found);
  }
  return found;
}

export type SignInClaim =
  | { ok: true; succeeded(): Promise<void> }
  | { ok: false; limit: LimitName; retryAfterMinutes: number };

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

function refused(limit: LimitName, ms: number): SignInClaim {
  return { ok: false, limit, retryAfterMinutes: minutes(ms) };
}

/** Consumes one point; a refusal (RateLimiterRes) is an answer, not an error. */
async function take(limiter: RateLimiterPrisma, key: string): Promise<{ over: boolean; res: RateLimiterRes }> {
  try {
    return { over: false, res: await limiter.consume(key) };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { over: true, res: e };
    throw e;
  }
}

/**
 * Claims a sign-in attempt before the password is checked. Refuses (without counting) while one of
 * the limits is reached; otherwise counts the attempt as a failure in all three windows up front, so
 * parallel guesses count against each other. Call `succeeded()` when the password matched: it clears
 * the pair's count, takes the attempt back from the other two, and marks the address as known.
 */
export async function claimSignIn(db: Db, email: string, address: string | null): Promise<SignInClaim> {
  const l = limiters(db);
  const addr = addressLimitKey(address);
  const keys = { pair: `${email}|${addr}`, address: addr, email };
  const [pair, perAddress, perEmail, known] = await Promise.all([l.pair.get(keys.pair), l.address.get(keys.address), l.email.get(keys.email), l.known.get(keys.pair)]);
  const isKnown = known !== null && known.consumedPoints > 0;

  if (perAddress && perAddress.consumedPoints >= SIGN_IN_LIMITS.address.points) return refused("address", perAddress.msBeforeNext);
  if (pair && pair.consumedPoints >= SIGN_IN_LIMITS.pair.points) return refused("pair", pair.msBeforeNext);
  if (!isKnown && perEmail && perEmail.consumedPoints >= SIGN_IN_LIMITS.email.points) return refused("email", perEmail.msBeforeNext);

  const taken = { pair: await take(l.pair, keys.pair), address: await take(l.address, keys.address), email: await take(l.email, keys.email) };
  const over = (["address", "pair", "email"] as const).find((name) => taken[name].over && (name !== "email" || !isKnown));
  if (over) {
    // Lost a race with parallel attempts: this one is not checked, so it does not count either.
    await Promise.all([l.pair.reward(keys.pair), l.address.reward(keys.address), l.email.reward(keys.email)]);
    return refused(over, taken[over].res.msBeforeNext);
  }

  return {
    ok: true,
    async succeeded() {
      await Promise.all([
        l.pair.delete(keys.pair),
        l.address.reward(keys.address),
        l.email.reward(keys.email),
        l.known.set(keys.pair, 1, SIGN_IN_LIMITS.knownAddressS),
      ]);
      await pruneExpired(db);
    },
  };
}

/** Removes counters whose window ended over an hour ago (the table stays small). */
export async function pruneExpired(db: Db): Promise<void> {
  await db.prisma.rateLimit.deleteMany({ where: { expire: { lt: new Date(Date.now() - 60 * 60 * 1000) } } });
}

/** The message shown when a sign-in is refused by a limit. */
export function rateLimitMessage(limit: LimitName, retryAfterMinutes: number): string {
  const wait = `Try again in ${retryAfterMinutes} minute${retryAfterMinutes === 1 ? "" : "s"}.`;
  if (limit === "address") return `Too many failed sign-in attempts from your network. ${wait}`;
  return `Too many failed sign-in attempts for this email. ${wait}`;
}

/**
 * Counts one forgot-password request for this client address and email; returns the minutes to
 * wait when a limit is reached (the request is then not acted on), else null.
 */
export async function claimForgotPassword(db: Db, email: string, address: string | null): Promise<number | null> {
  const l = limiters(db);
  const addr = await take(l.forgotAddress, addressLimitKey(address));
  if (addr.over) return minutes(addr.res.msBeforeNext);
  const perEmail = await take(l.forgotEmail, email);
  if (perEmail.over) return minutes(perEmail.res.msBeforeNext);
  return null;
}
