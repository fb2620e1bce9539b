/**
 * At least once, nothing lost: 1,000 random membership change batches against a flaky receiver
 * (errors, Retry-After, answers that never come) that deduplicates by webhook-id and verifies every
 * signature with standardwebhooks. After the retries have run, the changes it accepted equal the
 * change log exactly: 0 lost, 0 counted twice. Two workers deliver concurrently (real races on
 * PostgreSQL with DATABASE_URL; PGlite runs them serially).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint } from "@/lib/webhooks/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";
import { insertTestCustomers, insertTestSegment, logChanges, startReceiver, type Receiver } from "./webhooks-support";

let db: Db;
let receiver: Receiver;

// mulberry32: a small seeded generator, so a failure can be replayed with its seed.
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
  db = await setupTestDb();
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await teardownTestDb();
});

describe("webhooks deliver every change", () => {
  it("counts 0 lost changes over 1,000 random change batches with a flaky receiver", async () => {
    const seed = Number(process.env.WEBHOOKS_SEED ?? Date.now() % 1_000_000);
    const random = generator(seed);
    const w = await createTestWorkspace(db, "noloss", [{ email: "admin@noloss.test", role: "admin" }]);
    const { secret } = await createWebhookEndpoint(w.ctx("admin@noloss.test"), { url: receiver.url, eventTypes: ["segment.entered", "segment.exited"] });
    receiver.secrets = [secret];
    const customers = await insertTestCustomers(db.sql, w.id, 200);
    const segments = [await insertTestSegment(db, w.id, "One"), await insertTestSegment(db, w.id, "Two"), await insertTestSegment(db, w.id, "Three")];

    const accepted = new Map<string, string>();
    let unverified = 0;
    // Failures are a third of the answers while changes come in, a tenth afterwards, so no message
    // runs out of attempts by bad luck (that would be a failed message, not a lost change).
    let flakiness = 1;
    receiver.behave = (r) => {
      if (!r.verified[0]) unverified++;
      const roll = random() / flakiness;
      if (roll < 0.25) return { status: 500 };
      if (roll < 0.3) return { status: 503, headers: { "Retry-After": "1" } };
      if (roll < 0.33) return { hold: true };
      accepted.set(r.id, r.body);
      return { status: 200 };
    };

    const expected: string[] = [];
    let now = Date.now();
    const pass = async () => {
      const results = await Promise.all([0, 1].map(() => deliverWebhooks({ now: new Date(now), timeoutMs: 150, leaseMs: 60_000 })));
      return results.some(Boolean);
    };
    for (let batch = 0; batch < 1000; batch++) {
      const segment = segments[Math.floor(random() * segments.length)];
      const size = 1 + Math.floor(random() * 4);
      const changes = Array.from({ length: size }, () => ({ customerId: customers[Math.floor(random() * customers.length)], kind: random() < 0.5 ? ("entered" as const) : ("exited" as const) }));
      await logChanges(db.sql, w.id, segment, changes);
      for (const c of changes) expected.push(`${segment}|${c.customerId}|${c.kind}`);
      if (batch % 25 === 24) await pass();
    }
    // Let the retries run: move the clock to the last due time (each pass may fail some again).
    flakiness = 0.3;
    for (let round = 0; round < 200; round++) {
      const [{ pending, due }] = await db.sql.query<{ pending: number; due: Date | null }>(
        `SELECT count(*)::int AS pending, max("nextAttemptAt") AS due FROM "WebhookMessage" WHERE "workspaceId" = $1::uuid AND "state" = 'pending'`,
        [w.id],
      );
      if (pending === 0) break;
      now = Math.max(now, due!.getTime()) + 1000;
      while (await pass());
    }

    const states = await db.sql.query<{ state: string; n: number }>(`SELECT "state"::text AS state, count(*)::int AS n FROM "WebhookMessage" WHERE "workspaceId" = $1::uuid GROUP BY 1`, [w.id]);
    expect(states, `seed ${seed}`).toEqual([{ state: "delivered", n: accepted.size }]);
    const received: string[] = [];
    for (const body of accepted.values()) {
      const message = JSON.parse(body) as { type: string; data: { segment: { id: string }; changes: { customer: { id: string } }[] } };
      for (const c of message.data.changes) received.push(`${message.data.segment.id}|${c.customer.id}|${message.type.slice("segment.".length)}`);
    }
    const lost = expected.length - received.length;
    expect({ lost, sameChanges: [...received].sort().join() === [...expected].sort().join(), unverified }, `seed ${seed}`).toEqual({ lost: 0, sameChanges: true, unverified: 0 });
    expect(receiver.received.length).toBeGreaterThan(accepted.size);
  }, 300_000);
});
