/**
 * Membership and webhooks together, as the runner runs them: a customer's write queues them,
 * the membership pass applies the difference and writes its messages in the same transaction,
 * the deliverer sends them, and a receiver verifying with standardwebhooks (not our code) gets
 * "segment.entered" and then "segment.exited" for that customer, with cause "write".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { syncMembership } from "@/lib/membership/sync";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint } from "@/lib/webhooks/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";
import { insertTestCustomers, insertTestSegment, startReceiver, type Receiver } from "./webhooks-support";

let db: Db;
let w: TestWorkspace;
let receiver: Receiver;
const admin = "admin@membership-webhooks.test";

beforeAll(async () => {
  process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
  db = await setupTestDb();
  w = await createTestWorkspace(db, "mhooks", [{ email: admin, role: "admin" }]);
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await teardownTestDb();
});

async function deliverAll(): Promise<void> {
  for (let i = 0; i < 20 && (await deliverWebhooks({ timeoutMs: 2000 })); i++);
}

describe("a write reaches a webhook receiver through stored membership", () => {
  it("sends entered, then exited, for the customer whose country changed", async () => {
    const [ada, bob] = await insertTestCustomers(db.sql, w.id, 2, "m");
    const segmentId = await insertTestSegment(db, w.id, "Poland");
    // The first evaluation (nobody in Poland yet) happens before the endpoint exists.
    await syncMembership({ workspaceId: w.id });
    const { secret } = await createWebhookEndpoint(w.ctx(admin), { url: receiver.url, eventTypes: ["segment.entered", "segment.exited"] });
    receiver.secrets = [secret];

    await db.prisma.customer.update({ where: { workspaceId_id: { workspaceId: w.id, id: ada } }, data: { country: "PL" } });
    expect(await syncMembership({ workspaceId: w.id })).toBe(true);
    await deliverAll();
    await db.prisma.customer.update({ where: { workspaceId_id: { workspaceId: w.id, id: ada } }, data: { country: "DE" } });
    await syncMembership({ workspaceId: w.id });
    await deliverAll();

    const bodies = receiver.received.map((r) => ({ verified: r.verified, body: JSON.parse(r.body) }));
    expect(bodies.map((b) => b.verified)).toEqual([[true], [true]]);
    expect(bodies.map((b) => b.body.type)).toEqual(["segment.entered", "segment.exited"]);
    for (const { body } of bodies) {
      expect(body.data.segment).toEqual({ id: segmentId, name: "Poland" });
      expect(body.data.changes).toHaveLength(1);
      expect(body.data.changes[0].customer.id).toBe(ada);
      expect(body.data.changes[0].customer.email).toBe("m-1@example.com");
      expect(body.data.changes[0].cause).toBe("write");
    }
    expect(bodies.some((b) => JSON.stringify(b.body).includes(bob))).toBe(false);
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SegmentMember" WHERE "workspaceId" = $1`, [w.id]);
    expect(n).toBe(0);
  });
});
