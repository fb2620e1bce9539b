/**
 * Stored membership, path by path: each kind of write (form-style Prisma update, bulk insert,
 * order with items, event, erasure, custom field value, custom field archive), a definition save
 * and its referrer, a day change, a time-of-day change and an RFM refresh leave the stored members
 * equal to the live evaluation once synced. Runs on PGlite and (DATABASE_URL) PostgreSQL.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setCustomFieldArchived } from "@/lib/custom-fields/mutations";
import { drainMembership } from "@/lib/membership/drain";
import { onMembershipChange, type MembershipChange } from "@/lib/membership/hooks";
import { syncMembership } from "@/lib/membership/sync";
import { refreshRfm } from "@/lib/rfm/mutations";
import { updateSegment } from "@/lib/segments/saved-mutations";
import { changeLog, expectExact, insertSegment, queued, segmentState, storedMembers } from "./membership-support";
import { createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
let ws: string;
let userId: string;
const T0 = new Date("2026-06-10T12:00:00Z");
const ids = { ana: crypto.randomUUID(), bo: crypto.randomUUID(), cy: crypto.randomUUID() };
const seg: Record<string, string> = {};

beforeAll(async () => {
  db = await setupTestDbOnce();
  ws = await createWorkspace(db.sql, "Europe/Warsaw");
  userId = crypto.randomUUID();
  await db.sql.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash") VALUES ($1, $2, 'Ed', 'x')`, [userId, `${userId}@t.test`]);
  await db.sql.query(`INSERT INTO "CustomField" ("workspaceId", "key", "label", "type") VALUES ($1, 'plan', 'Plan', 'text')`, [ws]);
  await insertCustomers(db.sql, ws, [
    customer({ id: ids.ana, country: "PL", attributes: { plan: "pro" } }),
    customer({ id: ids.bo, country: "DE" }),
    customer({ id: ids.cy, country: "PL", emailOptIn: true }),
  ]);
  seg.poles = await insertSegment(db.sql, ws, only(where("country", "in", ["PL"])), "Poles");
  seg.pro = await insertSegment(db.sql, ws, only(where("custom.plan", "eq", "pro")), "Pro");
  seg.books = await insertSegment(db.sql, ws, only({ type: "orders", measure: "count", operator: "gte", value: 1, filter: { categories: ["books"] } }), "Books");
  seg.cart = await insertSegment(db.sql, ws, only({ type: "event", name: "cart_abandoned", operator: "gte", value: 1, window: { type: "last", amount: 7, unit: "day" } }), "Cart");
  seg.polesRef = await insertSegment(db.sql, ws, only({ type: "segment", segmentId: seg.poles, operator: "in" }, where("emailOptIn", "is_true")), "Poles opted in");
  seg.rfm = await insertSegment(db.sql, ws, only({ type: "rfm", operator: "in", value: ["Champions", "Loyal", "Potential Loyalist", "New Customers", "Promising", "Need Attention", "About To Sleep", "At Risk", "Cannot Lose Them", "Hibernating", "Lost"] }), "Scored");
});
afterAll(async () => {
  const { teardownTestDb } = await import("./support/db");
  await teardownTestDb();
});

async function setupTestDbOnce(): Promise<Db> {
  const { setupTestDb } = await import("./support/db");
  return setupTestDb();
}

describe("stored membership paths", () => {
  it("first sync evaluates every segment in full and logs every member as entered", async () => {
    expect(await queued(db.sql, ws)).toBe(3); // the fixture's insert queued its customers
    expect(await syncMembership({ now: T0, workspaceId: ws })).toBe(true);
    expect(await queued(db.sql, ws)).toBe(0);
    expect(await storedMembers(db.sql, ws, seg.poles)).toEqual([ids.ana, ids.cy].sort());
    const log = await changeLog(db.sql, ws, seg.poles);
    expect(log.map((r) => `${r.kind}:${r.cause}`)).toEqual(["entered:full_refresh", "entered:full_refresh"]);
    expect(await expectExact(db.sql, ws, T0)).toBe(6);
    expect(await syncMembership({ now: T0, workspaceId: ws })).toBe(false);
  });

  it("a form-style Prisma update queues the customer in its transaction, the drain applies it and calls the hooks", async () => {
    const seen: MembershipChange[] = [];
    const off = onMembershipChange(async (tx, change) => {
      const rows = await tx.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "SegmentMembershipChange" WHERE "workspaceId" = $1 AND "batchId" = $2`, [change.workspaceId, change.batchId]);
      expect(rows[0].n).toBe(change.entered + change.exited);
      seen.push(change);
    });
    try {
      await db.prisma.customer.update({ where: { workspaceId_id: { workspaceId: ws, id: ids.bo } }, data: { country: "PL" } });
      // An update that changes nothing but updatedAt queues nobody.
      await db.prisma.customer.update({ where: { workspaceId_id: { workspaceId: ws, id: ids.ana } }, data: { country: "PL" } });
      expect(await queued(db.sql, ws)).toBe(1);
      expect(await drainMembership({ now: T0 })).toBe(true);
      expect(await storedMembers(db.sql, ws, seg.poles)).toContain(ids.bo);
      expect(seen.map((c) => [c.segmentId, c.entered, c.exited])).toEqual([[seg.poles, 1, 0]]);
      expect((await changeLog(db.sql, ws, seg.poles)).at(-1)).toEqual({ kind: "entered", cause: "write", customerId: ids.bo });
      expect((await segmentState(db.sql, ws, seg.poles, T0)).memberCount).toBe(3);
    } finally {
      off();
    }
    await expectExact(db.sql, ws, T0);
  });

  it("a rolled-back write queues nothing", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.customer.update({ where: { workspaceId_id: { workspaceId: ws, id: ids.bo } }, data: { country: "FR" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await queued(db.sql, ws)).toBe(0);
  });

  it("an import-like bulk insert, an order with items, an event and a custom field value", async () => {
    const many = Array.from({ length: 300 }, (_, i) => customer({ country: i % 3 === 0 ? "PL" : "US", attributes: i % 5 === 0 ? { plan: "pro" } : {} }));
    await insertCustomers(db.sql, ws, many);
    // An order with its item and the derived stats, in one transaction as the order form writes them.
    await db.sql.transaction(async (tx) => {
      const [order] = await tx.query<{ id: string }>(
        `INSERT INTO "Order" ("workspaceId", "customerId", "placedAt", "total") VALUES ($1, $2, '2026-06-01T10:00:00Z', 12) RETURNING "id"`, [ws, ids.bo]);
      await tx.query(`INSERT INTO "OrderItem" ("workspaceId", "orderId", "name", "category", "unitPrice") VALUES ($1, $2, 'Book', 'books', 12)`, [ws, order.id]);
      await tx.query(`UPDATE "Customer" SET "ordersCount" = 1, "totalSpent" = 12, "averageOrderValue" = 12, "firstOrderAt" = '2026-06-01T10:00:00Z',
        "lastOrderAt" = '2026-06-01T10:00:00Z' WHERE "workspaceId" = $1 AND "id" = $2`, [ws, ids.bo]);
    });
    await db.sql.query(`INSERT INTO "Event" ("workspaceId", "customerId", "name", "occurredAt") VALUES ($1, $2, 'cart_abandoned', $3)`, [ws, ids.cy, "2026-06-09T08:00:00Z"]);
    await db.sql.query(`UPDATE "Customer" SET "attributes" = "attributes" || '{"plan": "pro"}'::jsonb WHERE "workspaceId" = $1 AND "id" = $2`, [ws, ids.cy]);
    await syncMembership({ now: T0, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, seg.books)).toEqual([ids.bo]);
    expect(await storedMembers(db.sql, ws, seg.cart)).toEqual([ids.cy]);
    expect(await storedMembers(db.sql, ws, seg.pro)).toContain(ids.cy);
    expect((await segmentState(db.sql, ws, seg.poles, T0)).memberCount).toBe(3 + 100);
    await expectExact(db.sql, ws, T0);
  });

  it("an item's category change moves its customer", async () => {
    await db.sql.query(`UPDATE "OrderItem" SET "category" = 'toys' WHERE "workspaceId" = $1`, [ws]);
    await syncMembership({ now: T0, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, seg.books)).toEqual([]);
    expect((await changeLog(db.sql, ws, seg.books)).at(-1)).toMatchObject({ kind: "exited", cause: "write" });
  });

  it("an erasure removes the customer's memberships and keeps memberCount exact", async () => {
    const before = (await segmentState(db.sql, ws, seg.poles, T0)).memberCount!;
    await db.prisma.customer.delete({ where: { workspaceId_id: { workspaceId: ws, id: ids.ana } } });
    expect((await segmentState(db.sql, ws, seg.poles, T0)).memberCount).toBe(before - 1);
    await syncMembership({ now: T0, workspaceId: ws });
    await expectExact(db.sql, ws, T0);
  });

  it("saving a definition breaks the invariant of the segment and its referrer in the same transaction; the sync re-evaluates both", async () => {
    const [{ version }] = await db.sql.query<{ version: number }>(`SELECT "version" FROM "Segment" WHERE "id" = $1`, [seg.poles]);
    await updateSegment({ workspaceId: ws, timeZone: "Europe/Warsaw", userId }, { id: seg.poles, version, name: "Germans", definition: only(where("country", "in", ["DE"])) });
    expect((await segmentState(db.sql, ws, seg.poles, T0)).usable).toBe(false);
    expect((await segmentState(db.sql, ws, seg.polesRef, T0)).usable).toBe(false);
    await syncMembership({ now: T0, workspaceId: ws });
    const causes = new Set((await changeLog(db.sql, ws, seg.polesRef)).map((r) => r.cause));
    expect(causes.has("definition_change")).toBe(true);
    await expectExact(db.sql, ws, T0);
  });

  it("archiving a custom field re-evaluates the segments using it", async () => {
    await setCustomFieldArchived(
      { workspaceId: ws, userId, role: "admin" },
      { fieldId: (await db.sql.query<{ id: string }>(`SELECT "id" FROM "CustomField" WHERE "workspaceId" = $1`, [ws]))[0].id, archived: true },
    );
    expect((await segmentState(db.sql, ws, seg.pro, T0)).usable).toBe(false);
    expect((await segmentState(db.sql, ws, seg.books, T0)).usable).toBe(true);
    await syncMembership({ now: T0, workspaceId: ws });
    await expectExact(db.sql, ws, T0);
  });

  it("a day change re-evaluates segments that depend on today and bumps the others", async () => {
    const later = new Date("2026-06-17T12:00:00Z"); // the cart event (06-09) leaves "last 7 days"
    expect((await segmentState(db.sql, ws, seg.cart, later)).usable).toBe(false);
    await syncMembership({ now: later, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, seg.cart)).toEqual([]);
    expect((await changeLog(db.sql, ws, seg.cart)).at(-1)).toMatchObject({ kind: "exited", cause: "day_change" });
    expect((await changeLog(db.sql, ws, seg.poles)).some((r) => r.cause === "day_change")).toBe(false);
    await expectExact(db.sql, ws, later);
  });

  it("time of day: an event later today enters 'last 7 days' when now passes it", async () => {
    const morning = new Date("2026-06-17T12:30:00Z");
    await db.sql.query(`INSERT INTO "Event" ("workspaceId", "customerId", "name", "occurredAt") VALUES ($1, $2, 'cart_abandoned', $3)`, [ws, ids.bo, "2026-06-17T15:00:00Z"]);
    await syncMembership({ now: morning, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, seg.cart)).toEqual([]);
    const afternoon = new Date("2026-06-17T16:00:00Z");
    await syncMembership({ now: afternoon, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, seg.cart)).toEqual([ids.bo]);
    await expectExact(db.sql, ws, afternoon);
  });

  it("an RFM refresh re-evaluates the segments with RFM conditions", async () => {
    const at = new Date("2026-06-17T16:00:00Z");
    expect(await storedMembers(db.sql, ws, seg.rfm)).toEqual([]); // no refresh yet: nobody scored
    await refreshRfm({ workspaceId: ws, timeZone: "Europe/Warsaw" }, "2026-06-17");
    expect((await segmentState(db.sql, ws, seg.rfm, at)).usable).toBe(false);
    await syncMembership({ now: at, workspaceId: ws });
    expect(await storedMembers(db.sql, ws, seg.rfm)).toEqual([ids.bo]);
    expect((await changeLog(db.sql, ws, seg.rfm)).at(-1)).toMatchObject({ kind: "entered", cause: "rfm_refresh" });
    await expectExact(db.sql, ws, at);
  });
});
