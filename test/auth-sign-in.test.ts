import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { createTestWorkspace } from "@/lib/auth/testing";
import { AppError } from "@/lib/errors";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
const EMAIL = "ana@example.com";
const PASSWORD = "correct-horse-battery";
const A = "198.51.100.1";
const B = "203.0.113.7";
const MIN = 60_000;

beforeAll(async () => {
  db = await setupTestDb();
  await createTestWorkspace(db, "acme", [{ email: EMAIL, role: "admin", name: "Ana" }]);
});
afterAll(teardownTestDb);
beforeEach(async () => {
  // The limiter reads the clock through Date: fake only Date, so database drivers keep their timers.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  await db.prisma.rateLimit.deleteMany({});
});
afterEach(() => {
  vi.useRealTimers();
});

const advance = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
const signIn = (address: string | null, password = PASSWORD, email = EMAIL) => authorizeCredentials({ email, password }, address);

async function failTimes(n: number, address: string | null = A, email = EMAIL) {
  for (let i = 0; i < n; i++) expect(await signIn(address, "wrong-password", email)).toBeNull();
}

describe("authorizeCredentials", () => {
  it("returns the user for the right password, whatever the email's case and spaces", async () => {
    const user = await authorizeCredentials({ email: "  ANA@Example.com ", password: PASSWORD }, A);
    expect(user).toMatchObject({ email: EMAIL, name: "Ana", sessionVersion: 0 });
  });

  it("returns null for a wrong password, an unknown email and malformed input, counting real attempts only", async () => {
    expect(await signIn(A, "nope-nope")).toBeNull();
    expect(await signIn(A, PASSWORD, "nobody@example.com")).toBeNull();
    expect(await authorizeCredentials({ email: "not-an-email", password: PASSWORD }, A)).toBeNull();
    expect(await authorizeCredentials({ email: EMAIL }, A)).toBeNull();
    expect(await authorizeCredentials(undefined, A)).toBeNull();
    const rows = await db.prisma.rateLimit.findMany({ where: { key: { startsWith: "signin_addr:" } } });
    expect(rows.map((r) => [r.key, r.points])).toEqual([[`signin_addr:${A}`, 2]]);
  });
});

describe("per (email, address) limit", () => {
  const { points } = SIGN_IN_LIMITS.pair;

  it(`refuses the (email, address) pair after ${points} failures, even the right password, saying when to try again`, async () => {
    await failTimes(points);
    advance(3 * MIN);
    await expect(signIn(A)).rejects.toThrow(AppError);
    await expect(signIn(A)).rejects.toThrow("Too many failed sign-in attempts for this email. Try again in 12 minutes.");
    advance(11 * MIN + 30_000);
    await expect(signIn(A)).rejects.toThrow("Try again in 1 minute.");
  });

  it("does not stop the right password from another address (10 wrong ones from A, then B)", async () => {
    await failTimes(points);
    for (let i = 0; i < 10 - points; i++) await expect(signIn(A, "wrong-password")).rejects.toThrow("Too many failed");
    expect(await signIn(B)).toMatchObject({ email: EMAIL });
  });

  it("unlocks once the window ends, as the message said", async () => {
    await failTimes(points);
    advance(SIGN_IN_LIMITS.pair.durationS * 1000 + 1);
    expect(await signIn(A)).toMatchObject({ email: EMAIL });
  });

  it("counts failures only: a success starts the pair afresh", async () => {
    await failTimes(points - 1);
    expect(await signIn(A)).not.toBeNull();
    await failTimes(points - 1);
    expect(await signIn(A)).not.toBeNull();
    const pair = await db.prisma.rateLimit.findUnique({ where: { key: `signin_pair:${EMAIL}|${A}` } });
    expect(pair).toBeNull();
  });

  it("never checks more than the limit of passwords when guesses arrive in parallel", async () => {
    const burst = () => Array.from({ length: points + 5 }, () => signIn(A, "wrong-password"));
    const results = [...(await Promise.allSettled(burst())), ...(await Promise.allSettled(burst()))];
    const checked = results.filter((r) => r.status === "fulfilled");
    expect(checked.length).toBeLessThanOrEqual(points);
    expect(checked.length).toBeGreaterThan(0);
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toContain("Too many failed sign-in attempts");
  });
});

describe("per address limit (password spraying)", () => {
  it(`limits one address spraying one password over 25 emails after ${SIGN_IN_LIMITS.address.points} failures; other addresses go on`, async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 25; i++) {
      try {
        outcomes.push((await signIn(A, "Summer2026!", `victim${i}@example.com`)) === null ? "checked" : "signed-in");
      } catch (e) {
        outcomes.push(String(e));
      }
    }
    expect(outcomes.filter((o) => o === "checked")).toHaveLength(SIGN_IN_LIMITS.address.points);
    expect(outcomes.slice(SIGN_IN_LIMITS.address.points)).toEqual(
      Array(25 - SIGN_IN_LIMITS.address.points).fill("AppError: Too many failed sign-in attempts from your network. Try again in 15 minutes."),
    );
    // The sprayer's address is refused even for a real account's right password; another address is not.
    await expect(signIn(A)).rejects.toThrow("from your network");
    expect(await signIn(B)).toMatchObject({ email: EMAIL });
  });

  it("groups IPv6 clients by their /64 network", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.address.points; i++) expect(await signIn(`2001:db8:1:2::${(i + 1).toString(16)}`, "wrong", `v${i}@example.com`)).toBeNull();
    await expect(signIn("2001:db8:1:2:ffff::1")).rejects.toThrow("from your network");
    expect(await signIn("2001:db8:1:3::1")).toMatchObject({ email: EMAIL });
  });
});

describe("per email ceiling (distributed guessing)", () => {
  const { points } = SIGN_IN_LIMITS.email;
  const attacker = (i: number) => `192.0.2.${i + 1}`;

  async function distributedAttack() {
    for (let i = 0; i < points; i++) expect(await signIn(attacker(i), `guess-${i}`)).toBeNull();
  }

  it(`refuses new addresses after ${points} failures from many addresses within the hour`, async () => {
    await distributedAttack();
    await expect(signIn(attacker(points))).rejects.toThrow("Too many failed sign-in attempts for this email. Try again in 60 minutes.");
    await expect(signIn(B)).rejects.toThrow("for this email");
    advance(SIGN_IN_LIMITS.email.durationS * 1000 + 1);
    expect(await signIn(B)).toMatchObject({ email: EMAIL });
  });

  it("is no lock-out button: an address that signed in to the account before still signs in", async () => {
    expect(await signIn(B)).not.toBeNull(); // the user's usual address
    advance(2 * 24 * 60 * MIN);
    await distributedAttack();
    await expect(signIn(A)).rejects.toThrow("for this email");
    expect(await signIn(B)).toMatchObject({ email: EMAIL });
    // …but the known address is still held to its own pair limit.
    await failTimes(SIGN_IN_LIMITS.pair.points, B);
    await expect(signIn(B)).rejects.toThrow("Too many failed");
  });
});

describe("next-auth credentials provider", () => {
  type Authorize = (c: Record<string, string> | undefined, req: { headers: Record<string, string> }) => Promise<unknown>;
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  const authorize = (c: Record<string, string> | undefined, headers: Record<string, string>) => provider.options.authorize(c, { headers });

  it("uses JWT sessions and the /login page", () => {
    expect(authOptions.session?.strategy).toBe("jwt");
    expect(authOptions.pages?.signIn).toBe("/login");
  });

  it("limits by the peer address our server stamps, ignoring X-Forwarded-For when no proxy is trusted", async () => {
    vi.stubEnv("SEGMENTA_TRUST_PROXY", "");
    try {
      expect(await authorize({ email: EMAIL, password: PASSWORD }, { [PEER_ADDRESS_HEADER]: A })).toMatchObject({ email: EMAIL });
      for (let i = 0; i < SIGN_IN_LIMITS.pair.points; i++) {
        // A client rotating X-Forwarded-For stays one address.
        expect(await authorize({ email: EMAIL, password: "wrong-password" }, { [PEER_ADDRESS_HEADER]: A, "x-forwarded-for": `10.0.0.${i}` })).toBeNull();
      }
      await expect(authorize({ email: EMAIL, password: PASSWORD }, { [PEER_ADDRESS_HEADER]: A, "x-forwarded-for": "10.9.9.9" })).rejects.toThrow(
        /^Too many failed sign-in attempts for this email\. Try again in 15 minutes\.$/,
      );
      expect(await authorize({ email: EMAIL, password: PASSWORD }, { [PEER_ADDRESS_HEADER]: B })).toMatchObject({ email: EMAIL });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("takes the client from X-Forwarded-For behind a trusted proxy", async () => {
    vi.stubEnv("SEGMENTA_TRUST_PROXY", "1");
    try {
      for (let i = 0; i < SIGN_IN_LIMITS.pair.points; i++) {
        expect(await authorize({ email: EMAIL, password: "wrong-password" }, { [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": `1.2.3.${i}, ${A}` })).toBeNull();
      }
      await expect(authorize({ email: EMAIL, password: PASSWORD }, { [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": A })).rejects.toThrow("Too many failed");
      expect(await authorize({ email: EMAIL, password: PASSWORD }, { [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": B })).toMatchObject({ email: EMAIL });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("puts the user id and session version in the token and the session", async () => {
    const jwt = authOptions.callbacks?.jwt;
    const session = authOptions.callbacks?.session;
    if (!jwt || !session) throw new Error("callbacks missing");
    const token = await jwt({ token: { email: EMAIL, name: "Ana" }, user: { id: "u-1", email: EMAIL, name: "Ana", sessionVersion: 3 }, account: null } as Parameters<typeof jwt>[0]);
    expect(token.sub).toBe("u-1");
    expect(token.sv).toBe(3);
    const s = await session({ session: { expires: "x", user: { id: "", email: "", name: "", sessionVersion: 0 } }, token, user: undefined } as unknown as Parameters<typeof session>[0]);
    expect(s.user).toEqual({ id: "u-1", email: EMAIL, name: "Ana", sessionVersion: 3 });
  });
});
