/**
 * Orders and events through the public API, in process (callApi): idempotent on the client's ids,
 * derived stats exact after every batch, one result per record, a customer's orders in pages,
 * isolation between workspaces, read keys.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { routeHandler } from "@/lib/api/operation";
import { upsertCustomersBatch } from "@/lib/api/v1/customers";
import { createEventsBatch } from "@/lib/api/v1/events";
import { createOrder, createOrdersBatch, listCustomerOrders } from "@/lib/api/v1/orders";
import { callApi, createTestApiKey } from "./support/api";
import { setupTestDb, teardownTestDb } from "./support/db";

const customers = routeHandler(upsertCustomersBatch);
const order = routeHandler(createOrder);
const orders = routeHandler(createOrdersBatch);
const customerOrders = routeHandler(listCustomerOrders);
const events = routeHandler(createEventsBatch);

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let writeKey: string;
let readKey: string;
let bKey: string;
let ada: string;
let bob: string;
let bee: string;

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "api-oe-a", []);
  b = await createTestWorkspace(db, "api-oe-b", []);
  writeKey = (await createTestApiKey(db, a.id)).secret;
  readKey = (await createTestApiKey(db, a.id, { access: "read" })).secret;
  bKey = (await createTestApiKey(db, b.id)).secret;
  const made = await callApi(customers, { key: writeKey, path: "/customers/batch", body: { data: [{ email: "ada@example.com", externalId: "A-1" }, { email: "bob@example.com" }] } });
  [ada, bob] = made.body.data.map((r: { id: string }) => r.id);
  bee = (await callApi(customers, { key: bKey, path: "/customers/batch", body: { data: [{ email: "bee@example.com" }] } })).body.data[0].id;
});
afterAll(teardownTestDb);

/** The derived stats recomputed from scratch from the customer's paid orders. */
async function expectExactStats(customerId: string): Promise<void> {
  const paid = await db.prisma.order.findMany({ where: { workspaceId: a.id, customerId, status: "paid" }, select: { total: true, placedAt: true } });
  const cents = paid.reduce((s, o) => s + Math.round(Number(o.total) * 100), 0);
  const c = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: a.id, id: customerId } });
  expect(c.ordersCount).toBe(paid.length);
  expect(c.totalSpent.toFixed(2)).toBe((cents / 100).toFixed(2));
  expect(c.averageOrderValue?.toFixed(2) ?? null).toBe(paid.length ? (Math.round(cents / paid.length) / 100).toFixed(2) : null);
  const times = paid.map((o) => o.placedAt.getTime());
  expect(c.firstOrderAt?.getTime() ?? null).toBe(paid.length ? Math.min(...times) : null);
  expect(c.lastOrderAt?.getTime() ?? null).toBe(paid.length ? Math.max(...times) : null);
}

describe("POST /orders/batch and /orders", () => {
  it("creates orders with lines, keeps derived stats exact, and is idempotent on the order id", async () => {
    const body = {
      data: [
        { id: "O-1", customerEmail: "ADA@example.com", placedAt: "2026-11-01T10:00:00Z", items: [{ sku: "S1", name: "Cup", quantity: 2, unitPrice: "12.50" }] },
        { id: "O-2", customerExternalId: "A-1", placedAt: "2026-11-05 09:30", total: "10.05", currency: "eur" },
        { id: "O-3", customerId: bob, placedAt: "2026-11-02T00:00:00Z", total: 99, status: "pending" },
        { id: "O-4", customerEmail: "nobody@example.com", placedAt: "2026-11-02T00:00:00Z", total: 1 },
        { id: "O-5", customerId: bee, placedAt: "2026-11-02T00:00:00Z", total: 1 }, // another workspace's customer
        { id: "O-1", customerEmail: "ada@example.com", placedAt: "2026-11-01T10:00:00Z", total: 1 }, // same id again in the batch
        { id: "O-6", customerEmail: "ada@example.com", placedAt: "not a time", items: [{ name: "X", unitPrice: "1.234" }] },
        { id: "O-7", placedAt: "2026-11-02T00:00:00Z" },
      ],
    };
    const res = await callApi(orders, { key: writeKey, path: "/orders/batch", body });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual(["created", "created", "created", "failed", "failed", "failed", "failed", "failed"]);
    expect(res.body.data[3].errors[0]).toMatchObject({ pointer: "/data/3/customerEmail", message: expect.stringContaining("nobody@example.com") });
    expect(res.body.data[4].errors[0].pointer).toBe("/data/4/customerId");
    expect(res.body.data[5].errors[0]).toMatchObject({ pointer: "/data/5/id", message: expect.stringContaining("Record 0") });
    expect(res.body.data[6].errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/data/6/items/0/unitPrice", "/data/6/placedAt"]);
    expect(res.body.data[7].errors[0].pointer).toBe("/data/7/customerEmail");
    expect(await db.prisma.order.count({ where: { workspaceId: b.id } })).toBe(0);

    const o2 = await db.prisma.order.findFirstOrThrow({ where: { workspaceId: a.id, externalId: "O-2" } });
    expect(o2).toMatchObject({ currency: "EUR", status: "paid", customerId: ada });
    expect(o2.placedAt.toISOString()).toBe("2026-11-05T08:30:00.000Z"); // workspace zone Europe/Warsaw
    expect((await db.prisma.order.findFirstOrThrow({ where: { workspaceId: a.id, externalId: "O-1" } })).total.toFixed(2)).toBe("25.00");
    await expectExactStats(ada);
    await expectExactStats(bob);
    expect((await db.prisma.customer.findFirstOrThrow({ where: { id: ada } })).totalSpent.toFixed(2)).toBe("35.05");

    const again = await callApi(orders, { key: writeKey, path: "/orders/batch", body: { data: body.data.slice(0, 3) } });
    expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(again.body.data.map((r: { id: string }) => r.id)).toEqual(res.body.data.slice(0, 3).map((r: { id: string }) => r.id));
    expect(await db.prisma.order.count({ where: { workspaceId: a.id } })).toBe(3);
    expect(await db.prisma.orderItem.count({ where: { workspaceId: a.id } })).toBe(1);

    // The same id with other content: a refund, and a pending order paid and moved to Ada.
    const changed = await callApi(orders, { key: writeKey, path: "/orders/batch", body: { data: [{ ...body.data[0], status: "refunded" }, { ...body.data[2], customerId: ada, status: "paid" }] } });
    expect(changed.body.summary).toEqual({ created: 0, updated: 2, unchanged: 0, failed: 0 });
    await expectExactStats(ada);
    await expectExactStats(bob);
    expect((await db.prisma.customer.findFirstOrThrow({ where: { id: ada } })).ordersCount).toBe(2);
    expect(await db.prisma.orderItem.count({ where: { workspaceId: a.id } })).toBe(1);
  });

  it("POST /orders: 201 created, 200 unchanged or updated with the order; 422 for a missing customer; 403 for a read key", async () => {
    const body = { id: "O-10", customerEmail: "bob@example.com", placedAt: "2026-11-20T12:00:00Z", items: [{ name: "Pen", unitPrice: 3, quantity: 3 }] };
    const created = await callApi(order, { key: writeKey, path: "/orders", body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "created", data: { externalId: "O-10", customerId: bob, total: "9.00", currency: "USD", status: "paid", placedAt: "2026-11-20T12:00:00.000Z", items: [{ name: "Pen", quantity: 3, unitPrice: "3.00", sku: null }] } });
    const same = await callApi(order, { key: writeKey, path: "/orders", body });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ status: "unchanged", data: { id: created.body.data.id } });
    const updated = await callApi(order, { key: writeKey, path: "/orders", body: { ...body, status: "cancelled" } });
    expect(updated.body).toMatchObject({ status: "updated", data: { status: "cancelled" } });
    await expectExactStats(bob);
    const missing = await callApi(order, { key: writeKey, path: "/orders", body: { ...body, id: "O-11", customerEmail: "nobody@example.com" } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].pointer).toBe("/customerEmail");
    expect((await callApi(order, { key: readKey, path: "/orders", body: { ...body, id: "O-12" } })).status).toBe(403);
    expect((await callApi(orders, { key: readKey, path: "/orders/batch", body: { data: [body] } })).status).toBe(403);
  });
});

describe("GET /customers/{id}/orders", () => {
  it("pages a customer's orders newest first; another workspace's customer is a 404", async () => {
    const first = await callApi(customerOrders, { key: readKey, path: `/customers/${ada}/orders?limit=1`, params: { id: ada } });
    expect(first.status).toBe(200);
    expect(first.body.data.map((o: { externalId: string }) => o.externalId)).toEqual(["O-2"]);
    const second = await callApi(customerOrders, { key: readKey, path: `/customers/${ada}/orders?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, params: { id: ada } });
    expect(second.body.data.map((o: { externalId: string }) => o.externalId)).toEqual(["O-3"]);
    const third = await callApi(customerOrders, { key: readKey, path: `/customers/${ada}/orders?limit=1&cursor=${encodeURIComponent(second.body.nextCursor)}`, params: { id: ada } });
    expect(third.body).toMatchObject({ data: [{ externalId: "O-1", status: "refunded", items: [{ sku: "S1", unitPrice: "12.50", quantity: 2 }] }], nextCursor: null });
    expect((await callApi(customerOrders, { key: readKey, path: `/customers/${bee}/orders`, params: { id: bee } })).status).toBe(404);
    // A cursor of another customer's list is refused.
    expect((await callApi(customerOrders, { key: readKey, path: `/customers/${bob}/orders?cursor=${encodeURIComponent(first.body.nextCursor)}`, params: { id: bob } })).status).toBe(400);
  });
});

describe("POST /events/batch", () => {
  it("adds events, answers unchanged for a repeated eventId, fails a reused eventId with other content", async () => {
    const body = {
      data: [
        { eventId: "e-1", name: "viewed_product", occurredAt: "2026-11-30T10:00:00Z", customerEmail: "ada@example.com", properties: { sku: "S1", price: 12.5 } },
        { name: "opened_email", occurredAt: "2026-11-30 11:00", customerId: bob },
        { eventId: "e-2", name: "", occurredAt: "2026-11-30T10:00:00Z", customerEmail: "ada@example.com" },
        { eventId: "e-3", name: "x", occurredAt: "2026-11-30T10:00:00Z", customerEmail: "nobody@example.com" },
        { eventId: "e-4", name: "x", occurredAt: "yesterday", customerExternalId: "A-1" },
        { eventId: "e-1", name: "viewed_product", occurredAt: "2026-11-30T10:00:00Z", customerEmail: "ada@example.com" },
      ],
    };
    const res = await callApi(events, { key: writeKey, path: "/events/batch", body, headers: { "Idempotency-Key": "ev-1" } });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual(["created", "created", "failed", "failed", "failed", "failed"]);
    expect(res.body.data[2].errors[0].pointer).toBe("/data/2/name");
    expect(res.body.data[3].errors[0].pointer).toBe("/data/3/customerEmail");
    expect(res.body.data[4].errors[0].pointer).toBe("/data/4/occurredAt");
    expect(res.body.data[5].errors[0].pointer).toBe("/data/5/eventId");
    const stored = await db.prisma.event.findFirstOrThrow({ where: { workspaceId: a.id, externalId: "e-1" } });
    expect(stored).toMatchObject({ id: res.body.data[0].id, customerId: ada, name: "viewed_product", properties: { sku: "S1", price: 12.5 } });

    const replay = await callApi(events, { key: writeKey, path: "/events/batch", body, headers: { "Idempotency-Key": "ev-1" } });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(res.body);
    expect(await db.prisma.event.count({ where: { workspaceId: a.id } })).toBe(2);

    const repeat = await callApi(events, { key: writeKey, path: "/events/batch", body: { data: [body.data[0], body.data[1]] } });
    expect(repeat.body.data.map((r: { status: string }) => r.status)).toEqual(["unchanged", "created"]);
    expect(repeat.body.data[0].id).toBe(stored.id);
    const reused = await callApi(events, { key: writeKey, path: "/events/batch", body: { data: [{ ...body.data[0], name: "other" }] } });
    expect(reused.body.data[0]).toMatchObject({ status: "failed", errors: [{ pointer: "/data/0/eventId", message: expect.stringContaining("different event") }] });
    expect(await db.prisma.event.count({ where: { workspaceId: a.id } })).toBe(3); // without an eventId, a repeat is a new event

    // Another workspace may use the same eventId for its own customer; a key never reaches across.
    const other = await callApi(events, { key: bKey, path: "/events/batch", body: { data: [{ ...body.data[0], customerEmail: "bee@example.com" }, { ...body.data[0], eventId: "e-9" }] } });
    expect(other.body.data.map((r: { status: string }) => r.status)).toEqual(["created", "failed"]);
    expect((await callApi(events, { key: readKey, path: "/events/batch", body })).status).toBe(403);
    expect(await db.prisma.auditLog.count({ where: { workspaceId: a.id, action: "event.batch" } })).toBe(2);
  });
});
