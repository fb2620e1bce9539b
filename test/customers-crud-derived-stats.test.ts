import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { refreshAllDerivedStats, refreshDerivedStats } from "@/lib/customers/derived-stats";
import { createCustomer } from "@/lib/customers/mutations";
import { createOrder, deleteOrder, updateOrderStatus } from "@/lib/customers/order-mutations";
import { getCustomer } from "@/lib/customers/queries";
import type { Db } from "@/lib/db/client";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let ws: TestWorkspace;
const editor = () => ws.ctx("editor@stats.example");

beforeAll(async () => {
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "stats", [{ email: "editor@stats.example", role: "editor" }]);
});
afterAll(teardownTestDb);

async function stats(id: string) {
  const c = await getCustomer(editor(), id);
  return c && { ordersCount: c.ordersCount, totalSpent: c.totalSpent, averageOrderValue: c.averageOrderValue, firstOrderAt: c.firstOrderAt?.toISOString() ?? null, lastOrderAt: c.lastOrderAt?.toISOString() ?? null };
}

// What the stats must be, computed in JS from the orders table.
async function expected(id: string) {
  const paid = await db.prisma.order.findMany({ where: { workspaceId: ws.id, customerId: id, status: "paid" }, select: { total: true, placedAt: true } });
  const cents = paid.reduce((sum, o) => sum + Math.round(Number(o.total) * 100), 0);
  const times = paid.map((o) => o.placedAt.getTime()).sort((a, b) => a - b);
  return {
    ordersCount: paid.length,
    totalSpent: (cents / 100).toFixed(2),
    averageOrderValue: paid.length ? (Math.floor((2 * cents + paid.length) / (2 * paid.length)) / 100).toFixed(2) : null,
    firstOrderAt: times.length ? new Date(times[0]).toISOString() : null,
    lastOrderAt: times.length ? new Date(times[times.length - 1]).toISOString() : null,
  };
}

describe("derived stats follow every order write", () => {
  it("create orders, refund one, delete one, cancel and re-pay", async () => {
    const { id } = await createCustomer(editor(), { email: "buyer@example.com" });
    expect(await stats(id)).toEqual({ ordersCount: 0, totalSpent: "0.00", averageOrderValue: null, firstOrderAt: null, lastOrderAt: null });

    const a = await createOrder(editor(), id, { placedAt: "2026-01-01T10:00:00Z", total: "10.00" });
    const b = await createOrder(editor(), id, { placedAt: "2026-02-01T10:00:00Z", items: [{ name: "X", unitPrice: "5.00", quantity: 3 }] });
    const c = await createOrder(editor(), id, { placedAt: "2026-03-01T10:00:00Z", total: "20.01" });
    await createOrder(editor(), id, { placedAt: "2026-04-01T10:00:00Z", total: "500", status: "pending" });
    expect(await stats(id)).toEqual({
      ordersCount: 3, totalSpent: "45.01", averageOrderValue: "15.00",
      firstOrderAt: "2026-01-01T10:00:00.000Z", lastOrderAt: "2026-03-01T10:00:00.000Z",
    });

    await updateOrderStatus(editor(), c.id, "refunded");
    expect(await stats(id)).toMatchObject({ ordersCount: 2, totalSpent: "25.00", averageOrderValue: "12.50", lastOrderAt: "2026-02-01T10:00:00.000Z" });

    await deleteOrder(editor(), a.id);
    expect(await stats(id)).toMatchObject({ ordersCount: 1, totalSpent: "15.00", averageOrderValue: "15.00", firstOrderAt: "2026-02-01T10:00:00.000Z" });

    await updateOrderStatus(editor(), b.id, "cancelled");
    expect(await stats(id)).toEqual({ ordersCount: 0, totalSpent: "0.00", averageOrderValue: null, firstOrderAt: null, lastOrderAt: null });

    await updateOrderStatus(editor(), c.id, "paid");
    expect(await stats(id)).toEqual(await expected(id));
    expect(await stats(id)).toMatchObject({ ordersCount: 1, totalSpent: "20.01" });
  });

  it("rounds the average half up to cents", async () => {
    const { id } = await createCustomer(editor(), { email: "avg@example.com" });
    for (const total of ["0.01", "0.02"]) await createOrder(editor(), id, { placedAt: "2026-01-01", total });
    expect((await stats(id))?.averageOrderValue).toBe("0.02"); // 0.015 → 0.02
    await createOrder(editor(), id, { placedAt: "2026-01-01", total: "0.01" });
    expect((await stats(id))?.averageOrderValue).toBe("0.01"); // 0.0133 → 0.01
  });
});

describe("refreshDerivedStats", () => {
  it("repairs exactly the listed customers, through Prisma or raw SQL transactions, and ignores foreign ids", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await createCustomer(editor(), { email: `bulk${i}@example.com` })).id);
    // Orders written behind the app's back (as a bulk loader would), with stats left stale.
    const statuses = ["paid", "paid", "refunded", "pending", "paid"];
    await db.prisma.order.createMany({
      data: ids.slice(0, 5).flatMap((customerId, i) =>
        Array.from({ length: i + 1 }, (_, j) => ({ workspaceId: ws.id, customerId, placedAt: new Date(Date.UTC(2025, j, i + 1)), total: `${10 * (j + 1)}.3${i}`, status: statuses[(i + j) % 5] })),
      ),
    });
    const other = await createTestWorkspace(db, "stats-other", [{ email: "e@other.example", role: "editor" }]);
    const foreign = (await createCustomer(other.ctx("e@other.example"), { email: "f@example.com" })).id;
    await createOrder(other.ctx("e@other.example"), foreign, { placedAt: "2026-01-01", total: "7" });
    await db.prisma.customer.updateMany({ where: { workspaceId: other.id }, data: { ordersCount: 99 } });

    const changed = await db.prisma.$transaction((tx) => refreshDerivedStats(tx, ws.id, [ids[0], ids[1], ids[1], foreign]));
    expect(changed).toBe(2);
    for (const id of ids.slice(0, 2)) expect(await stats(id)).toEqual(await expected(id));
    expect((await stats(ids[2]))?.ordersCount).toBe(0); // not listed: still stale
    expect((await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: other.id } })).ordersCount).toBe(99);

    const viaSql = await db.sql.transaction((tx) => refreshDerivedStats(tx, ws.id, ids));
    expect(viaSql).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(await stats(id)).toEqual(await expected(id));
    expect(await db.sql.transaction((tx) => refreshDerivedStats(tx, ws.id, ids))).toBe(0); // nothing left to change
  });

  it("refreshAllDerivedStats recomputes a whole workspace and only that workspace", async () => {
    await db.prisma.customer.updateMany({ where: { workspaceId: ws.id }, data: { ordersCount: 42, totalSpent: "1", averageOrderValue: null, firstOrderAt: null } });
    const all = await db.prisma.customer.findMany({ where: { workspaceId: ws.id }, select: { id: true } });
    expect(await db.prisma.$transaction((tx) => refreshAllDerivedStats(tx, ws.id))).toBe(all.length);
    for (const { id } of all) expect(await stats(id)).toEqual(await expected(id));
    const foreign = await db.prisma.customer.findMany({ where: { NOT: { workspaceId: ws.id } }, select: { ordersCount: true } });
    expect(foreign.map((c) => c.ordersCount)).toEqual([99]);
  });
});
