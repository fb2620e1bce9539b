import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { getWorkspaceOverview } from "@/lib/overview/queries";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let a: { id: string };
let b: { id: string };
const now = new Date("2026-03-15T12:00:00Z");

async function addCustomer(workspaceId: string, email: string, orders: { placedAt: string; total: string; status?: string }[], extra = {}) {
  const paid = orders.filter((o) => (o.status ?? "paid") === "paid");
  const spent = paid.reduce((s, o) => s + Number(o.total), 0);
  const customer = await db.prisma.customer.create({
    data: { workspaceId, email, ordersCount: paid.length, totalSpent: spent.toFixed(2), ...extra },
  });
  for (const o of orders) {
    await db.prisma.order.create({ data: { workspaceId, customerId: customer.id, placedAt: new Date(o.placedAt), total: o.total, status: o.status ?? "paid" } });
  }
}

beforeAll(async () => {
  db = await setupTestDb();
  a = await createWorkspace(db, { slug: "ws-a", name: "A", timeZone: "Pacific/Auckland" });
  b = await createWorkspace(db, { slug: "ws-b", name: "B" });
  await addCustomer(a.id, "one@a.test", [
    { placedAt: "2026-03-10T00:00:00Z", total: "100.10" },
    // 2026-02-28T12:00Z is already 1 March in Auckland (UTC+13): it belongs to March there.
    { placedAt: "2026-02-28T12:00:00Z", total: "50.00" },
    { placedAt: "2026-03-11T00:00:00Z", total: "999.00", status: "refunded" },
  ], { country: "PL", lifecycleStage: "customer" });
  await addCustomer(a.id, "two@a.test", [{ placedAt: "2025-06-01T00:00:00Z", total: "10.00" }], { country: "PL", lifecycleStage: "customer" });
  await addCustomer(a.id, "three@a.test", [], { country: "DE", lifecycleStage: "lead" });
  await addCustomer(b.id, "other@b.test", [{ placedAt: "2026-03-01T00:00:00Z", total: "5000.00" }], { country: "US" });
});
afterAll(teardownTestDb);

describe("getWorkspaceOverview", () => {
  it("counts one workspace's customers, paid orders and revenue only", async () => {
    const o = await getWorkspaceOverview({ workspaceId: a.id, timeZone: "Pacific/Auckland" }, now);
    expect(o.customers).toBe(3);
    expect(o.paidOrders).toBe(3);
    expect(o.revenue).toBe("160.10");
    expect(o.averageOrderValue).toBe("53.37");
    expect(o.revenue30d).toBe("150.10");
    expect(o.segments).toBe(0);
    expect(o.topCountries).toEqual([{ country: "PL", customers: 2 }, { country: "DE", customers: 1 }]);
    expect(o.lifecycle).toEqual([{ stage: "customer", customers: 2 }, { stage: "lead", customers: 1 }]);
  });

  it("buckets revenue by calendar month in the workspace's time zone", async () => {
    const o = await getWorkspaceOverview({ workspaceId: a.id, timeZone: "Pacific/Auckland" }, now);
    expect(o.monthlyRevenue).toHaveLength(12);
    expect(o.monthlyRevenue.at(-1)).toEqual({ month: "2026-03", revenue: 150.1, orders: 2 });
    expect(o.monthlyRevenue.find((m) => m.month === "2026-02")).toEqual({ month: "2026-02", revenue: 0, orders: 0 });
    expect(o.monthlyRevenue.find((m) => m.month === "2025-06")).toEqual({ month: "2025-06", revenue: 10, orders: 1 });
    const utc = await getWorkspaceOverview({ workspaceId: a.id, timeZone: "UTC" }, now);
    expect(utc.monthlyRevenue.find((m) => m.month === "2026-02")).toEqual({ month: "2026-02", revenue: 50, orders: 1 });
  });

  it("shows an empty workspace as zeros, not another workspace's data", async () => {
    const empty = await createWorkspace(db, { slug: "ws-empty", name: "Empty" });
    const o = await getWorkspaceOverview({ workspaceId: empty.id, timeZone: "UTC" }, now);
    expect(o).toMatchObject({ customers: 0, paidOrders: 0, revenue: "0", averageOrderValue: null, topCountries: [], lifecycle: [] });
    expect(o.monthlyRevenue.every((m) => m.revenue === 0)).toBe(true);
  });
});
