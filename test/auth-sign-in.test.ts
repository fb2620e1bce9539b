import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_MS } from "@/lib/auth/rate-limit";
import { createTestWorkspace } from "@/lib/auth/testing";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
const EMAIL = "ana@example.com";
const PASSWORD = "correct-horse-battery";
const t0 = new Date("2026-03-01T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeAll(async () => {
  db = await setupTestDb();
  await createTestWorkspace(db, "acme", [{ email: EMAIL, role: "admin", name: "Ana" }]);
});
afterAll(teardownTestDb);
beforeEach(async () => {
  await db.prisma.signInAttempt.deleteMany({});
});

async function failTimes(n: number, email = EMAIL, start = 0) {
  for (let i = 0; i < n; i++) expect(await authorizeCredentials({ email, password: "wrong-password" }, at(start + i * 1000))).toBeNull();
}

describe("authorizeCredentials", () => {
  it("returns the user for the right password, whatever the email's case and spaces", async () => {
    const user = await authorizeCredentials({ email: "  ANA@Example.com ", password: PASSWORD }, t0);
    expect(user).toMatchObject({ email: EMAIL, name: "Ana" });
    const rows = await db.prisma.signInAttempt.findMany({ where: { email: EMAIL } });
    expect(rows.map((r) => r.succeeded)).toEqual([true]);
  });

  it("returns null for a wrong password, an unknown email and malformed input, recording real attempts", async () => {
    expect(await authorizeCredentials({ email: EMAIL, password: "nope-nope" }, t0)).toBeNull();
    expect(await authorizeCredentials({ email: "nobody@example.com", password: PASSWORD }, t0)).toBeNull();
    expect(await authorizeCredentials({ email: "not-an-email", password: PASSWORD }, t0)).toBeNull();
    expect(await authorizeCredentials({ email: EMAIL }, t0)).toBeNull();
    expect(await authorizeCredentials(undefined, t0)).toBeNull();
    const rows = await db.prisma.signInAttempt.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.email, r.succeeded])).toEqual([
      [EMAIL, false],
      ["nobody@example.com", false],
    ]);
  });
});

describe("sign-in rate limit", () => {
  it(`locks an email after ${MAX_FAILED_SIGN_INS} failures, refusing even the right password, with the minutes left`, async () => {
    await failTimes(MAX_FAILED_SIGN_INS);
    const attempt = authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(60_000));
    await expect(attempt).rejects.toThrow(AppError);
    await expect(authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(60_000))).rejects.toThrow(
      "Too many failed sign-in attempts for this email. Try again in 14 minutes.",
    );
    // Refused attempts are not recorded, so the lock ends when promised.
    expect(await db.prisma.signInAttempt.count({ where: { email: EMAIL } })).toBe(MAX_FAILED_SIGN_INS);
  });

  it("allows the tenth failure and says 1 minute near the end of the lock", async () => {
    await failTimes(MAX_FAILED_SIGN_INS - 1);
    expect(await authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(20_000))).not.toBeNull();
    await failTimes(MAX_FAILED_SIGN_INS, EMAIL, 30_000);
    await expect(authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(30_000 + SIGN_IN_WINDOW_MS - 5_000))).rejects.toThrow(
      "Try again in 1 minute.",
    );
  });

  it("unlocks once the oldest failure leaves the 15-minute window", async () => {
    await failTimes(MAX_FAILED_SIGN_INS);
    expect(await authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(SIGN_IN_WINDOW_MS + 1))).toMatchObject({ email: EMAIL });
  });

  it("starts counting afresh after a successful sign-in", async () => {
    await failTimes(MAX_FAILED_SIGN_INS - 1);
    expect(await authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(15_000))).not.toBeNull();
    await failTimes(MAX_FAILED_SIGN_INS - 1, EMAIL, 16_000);
    expect(await authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(40_000))).not.toBeNull();
  });

  it("limits unknown emails the same way and keeps other emails unaffected", async () => {
    await failTimes(MAX_FAILED_SIGN_INS, "ghost@example.com");
    await expect(authorizeCredentials({ email: "ghost@example.com", password: PASSWORD }, at(20_000))).rejects.toThrow("Too many failed");
    expect(await authorizeCredentials({ email: EMAIL, password: PASSWORD }, at(20_000))).not.toBeNull();
  });

  it("never checks more than the limit of passwords when guesses arrive in parallel", async () => {
    const burst = () => Array.from({ length: MAX_FAILED_SIGN_INS + 5 }, () => authorizeCredentials({ email: EMAIL, password: "wrong-password" }, t0));
    const results = [...(await Promise.allSettled(burst())), ...(await Promise.allSettled(burst()))];
    const checked = results.filter((r) => r.status === "fulfilled");
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toContain("Too many failed sign-in attempts");
    expect(await db.prisma.signInAttempt.count({ where: { email: EMAIL } })).toBe(checked.length);
  });
});

describe("next-auth credentials provider", () => {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string> | undefined) => Promise<unknown> } };
  const authorize = (c: Record<string, string> | undefined) => provider.options.authorize(c);

  it("uses JWT sessions and the /login page", () => {
    expect(authOptions.session?.strategy).toBe("jwt");
    expect(authOptions.pages?.signIn).toBe("/login");
  });

  it("signs in, refuses a wrong password, and turns the lock into the error message next-auth shows", async () => {
    expect(await authorize({ email: EMAIL, password: PASSWORD })).toMatchObject({ email: EMAIL });
    expect(await authorize({ email: EMAIL, password: "wrong-password" })).toBeNull();
    await failTimes(MAX_FAILED_SIGN_INS - 1, EMAIL, Date.now() - t0.getTime());
    await expect(authorize({ email: EMAIL, password: PASSWORD })).rejects.toThrow(/^Too many failed sign-in attempts for this email\. Try again in \d+ minutes?\.$/);
  });

  it("puts the user id in the token and the session", async () => {
    const jwt = authOptions.callbacks?.jwt;
    const session = authOptions.callbacks?.session;
    if (!jwt || !session) throw new Error("callbacks missing");
    const token = await jwt({ token: { email: EMAIL, name: "Ana" }, user: { id: "u-1", email: EMAIL, name: "Ana" }, account: null } as Parameters<typeof jwt>[0]);
    expect(token.sub).toBe("u-1");
    const s = await session({ session: { expires: "x", user: { id: "", email: "", name: "" } }, token, user: undefined } as unknown as Parameters<typeof session>[0]);
    expect(s.user).toEqual({ id: "u-1", email: EMAIL, name: "Ana" });
  });
});
