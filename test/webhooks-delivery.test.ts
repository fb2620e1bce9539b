/**
 * Webhook delivery end to end against a real receiver on loopback, every signature verified with
 * the standardwebhooks package: delivery and body, retries (receiver down then up, Retry-After,
 * the schedule running out), 410, redirects, timeouts, secret rotation, 5 days of failures,
 * and messages cut into parts of at most 1,000 changes in order. PGlite by default, PostgreSQL
 * with DATABASE_URL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhooks/mutations";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/webhooks/schedule";
import { setupTestDb, teardownTestDb } from "./support/db";
import { insertTestCustomers, insertTestSegment, logChanges, messagesOf, startReceiver, type Receiver } from "./webhooks-support";

let db: Db;
let w: TestWorkspace;
let receiver: Receiver;
let customers: string[];
let segmentA: string;
let segmentB: string;
const admin = "admin@webhooks.test";
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
  db = await setupTestDb();
  w = await createTestWorkspace(db, "hooks", [{ email: admin, role: "admin" }]);
  customers = await insertTestCustomers(db.sql, w.id, 2600);
  segmentA = await insertTestSegment(db, w.id, "Lapsed buyers");
  segmentB = await insertTestSegment(db, w.id, "VIP");
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await teardownTestDb();
});

beforeEach(async () => {
  await db.sql.query(`DELETE FROM "WebhookEndpoint" WHERE "workspaceId" = $1::uuid`, [w.id]);
  receiver.received.length = 0;
  receiver.behave = () => ({ status: 200, body: "ok" });
});

async function endpoint(options: { eventTypes?: ("segment.entered" | "segment.exited")[]; segmentIds?: string[] } = {}) {
  const created = await createWebhookEndpoint(w.ctx(admin), { url: receiver.url, eventTypes: options.eventTypes ?? ["segment.entered", "segment.exited"], segmentIds: options.segmentIds });
  receiver.secrets = [created.secret];
  return created;
}

async function drain(now = new Date()) {
  for (let i = 0; i < 20 && (await deliverWebhooks({ now, timeoutMs: 2000 })); i++);
}

describe("webhook delivery", () => {
  it("delivers a signed message whose body is the documented shape", async () => {
    const { endpoint: e } = await endpoint();
    const { messages } = await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[0], kind: "entered" }, { customerId: customers[1], kind: "entered" }]);
    expect(messages).toBe(1);
    expect(await deliverWebhooks()).toBe(true);
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0];
    expect(r.verified).toEqual([true]);
    expect(r.id).toMatch(/^msg_[0-9a-f]{32}$/);
    const body = JSON.parse(r.body);
    expect(Object.keys(body)).toEqual(["type", "timestamp", "data"]);
    expect(body.type).toBe("segment.entered");
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.data.segment).toEqual({ id: segmentA, name: "Lapsed buyers" });
    expect(body.data.changes).toEqual([
      { customer: { id: customers[0], email: "c-1@example.com", externalId: "C-1" }, at: expect.stringMatching(/Z$/), cause: "write" },
      { customer: { id: customers[1], email: "c-2@example.com", externalId: "C-2" }, at: expect.stringMatching(/Z$/), cause: "write" },
    ]);
    const [m] = await messagesOf(db.sql, w.id);
    expect(m).toMatchObject({ id: r.id, endpointId: e.id, state: "delivered", attempts: 1, lastStatus: 200, nextAttemptAt: null });
    const attempts = await db.sql.query<{ status: number; responseExcerpt: string }>(`SELECT "status", "responseExcerpt" FROM "WebhookAttempt" WHERE "messageId" = $1`, [r.id]);
    expect(attempts).toEqual([{ status: 200, responseExcerpt: "ok" }]);
    expect(await deliverWebhooks()).toBe(false);
  });

  it("sends only what an endpoint subscribed to: its event types and segments", async () => {
    await endpoint({ eventTypes: ["segment.exited"], segmentIds: [segmentB] });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[0], kind: "exited" }]);
    await logChanges(db.sql, w.id, segmentB, [{ customerId: customers[0], kind: "entered" }, { customerId: customers[1], kind: "exited" }]);
    await drain();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(["segment.exited"]);
    expect(JSON.parse(receiver.received[0].body).data.changes.map((c: { customer: { id: string } }) => c.customer.id)).toEqual([customers[1]]);
  });

  it("retries after the receiver was down and delivers the same webhook-id once it is up", async () => {
    await endpoint();
    await receiver.stop();
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[2], kind: "entered" }]);
    const before = Date.now();
    expect(await deliverWebhooks()).toBe(true);
    let [m] = await messagesOf(db.sql, w.id);
    expect(m.state).toBe("pending");
    expect(m.attempts).toBe(1);
    expect(m.lastError).toBe("Connection refused.");
    // 5 s, with up to 10 % jitter.
    expect(m.nextAttemptAt!.getTime() - before).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0] - 50);
    expect(m.nextAttemptAt!.getTime() - Date.now()).toBeLessThanOrEqual(RETRY_DELAYS_MS[0] * 1.1 + 50);
    expect(await deliverWebhooks()).toBe(false);
    await receiver.start();
    expect(await deliverWebhooks({ now: later(6_000) })).toBe(true);
    [m] = await messagesOf(db.sql, w.id);
    expect(m).toMatchObject({ state: "delivered", attempts: 2, lastStatus: 200 });
    expect(receiver.received.map((r) => r.id)).toEqual([m.id]);
    expect(receiver.received[0].verified).toEqual([true]);
    const attempts = await db.sql.query<{ status: number | null; error: string | null }>(`SELECT "status", "error" FROM "WebhookAttempt" WHERE "messageId" = $1 ORDER BY "id"`, [m.id]);
    expect(attempts).toEqual([{ status: null, error: "Connection refused." }, { status: 200, error: null }]);
  });

  it("disables the endpoint on 410 Gone, and queues nothing more for it", async () => {
    const { endpoint: e } = await endpoint();
    receiver.behave = () => ({ status: 410, body: "gone" });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[3], kind: "entered" }]);
    await drain();
    const [m] = await messagesOf(db.sql, w.id);
    expect(m).toMatchObject({ state: "failed", lastStatus: 410, nextAttemptAt: null });
    const row = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: w.id, id: e.id } } });
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/410 Gone/);
    expect(await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[4], kind: "entered" }])).toMatchObject({ messages: 0 });
    const audit = await db.prisma.auditLog.findMany({ where: { workspaceId: w.id, action: "webhook.disable", entityId: e.id } });
    expect(audit).toHaveLength(1);
  });

  it("honours Retry-After", async () => {
    await endpoint();
    receiver.behave = () => ({ status: 429, headers: { "Retry-After": "120" } });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[5], kind: "entered" }]);
    const now = new Date();
    await deliverWebhooks({ now });
    const [m] = await messagesOf(db.sql, w.id);
    expect(m.state).toBe("pending");
    expect(m.lastStatus).toBe(429);
    expect(m.nextAttemptAt!.getTime()).toBe(now.getTime() + 120_000);
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    await endpoint();
    receiver.behave = (r) => (r.body.startsWith("{") ? { status: 302, headers: { Location: `${receiver.url}/elsewhere` } } : { status: 200 });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[6], kind: "entered" }]);
    await deliverWebhooks();
    expect(receiver.received).toHaveLength(1);
    const [m] = await messagesOf(db.sql, w.id);
    expect(m).toMatchObject({ state: "pending", lastStatus: 302 });
    expect(m.lastError).toMatch(/redirect, which is not followed/);
  });

  it("gives up on a receiver that does not answer within the timeout", async () => {
    await endpoint();
    receiver.behave = () => ({ hold: true });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[7], kind: "entered" }]);
    const started = Date.now();
    await deliverWebhooks({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const [m] = await messagesOf(db.sql, w.id);
    expect(m.state).toBe("pending");
    expect(m.lastError).toMatch(/timed out/);
    const [a] = await db.sql.query<{ durationMs: number }>(`SELECT "durationMs" FROM "WebhookAttempt" WHERE "messageId" = $1`, [m.id]);
    expect(a.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("fails a message after the last retry of the schedule", async () => {
    await endpoint();
    receiver.behave = () => ({ status: 500, body: "x".repeat(3000) });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[8], kind: "entered" }]);
    // Each pass at the due time the schedule set: about 3 days in all, before 5 days of failures disable the endpoint.
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await deliverWebhooks({ now });
      const [pending] = await messagesOf(db.sql, w.id);
      if (pending.nextAttemptAt) now = pending.nextAttemptAt;
    }
    const [m] = await messagesOf(db.sql, w.id);
    expect(m).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS, lastStatus: 500, nextAttemptAt: null });
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([m.id]));
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const excerpts = await db.sql.query<{ len: number }>(`SELECT length("responseExcerpt") AS len FROM "WebhookAttempt" WHERE "messageId" = $1`, [m.id]);
    expect(excerpts.every((e) => e.len === 1024)).toBe(true);
  });

  it("disables an endpoint whose deliveries failed for 5 days, saying why", async () => {
    const { endpoint: e } = await endpoint();
    receiver.behave = () => ({ status: 503 });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[9], kind: "entered" }]);
    const start = new Date();
    await deliverWebhooks({ now: start });
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[10], kind: "entered" }]);
    await deliverWebhooks({ now: new Date(start.getTime() + 4 * 86_400_000) });
    let row = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: w.id, id: e.id } } });
    expect(row.enabled).toBe(true);
    expect(row.failingSince?.getTime()).toBe(start.getTime());
    await deliverWebhooks({ now: new Date(start.getTime() + 5 * 86_400_000 + 1000) });
    row = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: w.id, id: e.id } } });
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/failed for 5 days/);
    // Enabling it again sends what waited.
    receiver.behave = () => ({ status: 204 });
    await updateWebhookEndpoint(w.ctx(admin), e.id, { enabled: true });
    await drain(new Date(start.getTime() + 6 * 86_400_000));
    expect((await messagesOf(db.sql, w.id)).map((m) => m.state)).toEqual(["delivered", "delivered"]);
  });

  it("signs with both secrets for 24 h after a rotation, then with the new one only", async () => {
    const { endpoint: e, secret: old } = await endpoint();
    const rotated = await rotateWebhookSecret(w.ctx(admin), e.id);
    expect(rotated.secret).not.toBe(old);
    receiver.secrets = [old, rotated.secret];
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[11], kind: "entered" }]);
    await deliverWebhooks();
    expect(receiver.received[0].signature.split(" ")).toHaveLength(2);
    expect(receiver.received[0].verified).toEqual([true, true]);
    await logChanges(db.sql, w.id, segmentA, [{ customerId: customers[12], kind: "entered" }]);
    await deliverWebhooks({ now: later(25 * 3600_000) });
    expect(receiver.received[1].signature.split(" ")).toHaveLength(1);
    expect(receiver.received[1].verified).toEqual([false, true]);
  });

  it("never gives one message to two workers at once", async () => {
    await endpoint();
    for (let i = 0; i < 30; i++) await logChanges(db.sql, w.id, i % 2 ? segmentA : segmentB, [{ customerId: customers[100 + i], kind: "entered" }]);
    // Four passes at the same moment, ten messages each at most: on PostgreSQL they really race.
    await Promise.all([0, 1, 2, 3].map(() => deliverWebhooks({ limit: 10 })));
    await drain();
    const ids = receiver.received.map((r) => r.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const attempts = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "WebhookAttempt" WHERE "workspaceId" = $1::uuid AND "messageId" = ANY($2::text[])`, [w.id, ids]);
    expect(attempts[0].n).toBe(30);
  });

  it("cuts a large change into messages of at most 1,000 changes, in order", async () => {
    await endpoint();
    const changes = [
      ...customers.slice(0, 2500).map((customerId) => ({ customerId, kind: "entered" as const })),
      ...customers.slice(2500, 2510).map((customerId) => ({ customerId, kind: "exited" as const })),
    ];
    const { messages } = await logChanges(db.sql, w.id, segmentA, changes);
    expect(messages).toBe(4);
    await drain();
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(receiver.received.every((r) => r.verified[0])).toBe(true);
    const entered = bodies.filter((b) => b.type === "segment.entered");
    expect(entered.map((b) => b.data.changes.length)).toEqual([1000, 1000, 500]);
    // The parts arrive in id order, which is their order.
    const sortedIds = receiver.received.filter((r) => JSON.parse(r.body).type === "segment.entered").map((r) => r.id);
    expect([...sortedIds].sort()).toEqual(sortedIds);
    expect(entered.flatMap((b) => b.data.changes.map((c: { customer: { id: string } }) => c.customer.id))).toEqual(customers.slice(0, 2500));
    const exited = bodies.filter((b) => b.type === "segment.exited");
    expect(exited.flatMap((b) => b.data.changes.map((c: { customer: { id: string } }) => c.customer.id))).toEqual(customers.slice(2500, 2510));
  });
});
