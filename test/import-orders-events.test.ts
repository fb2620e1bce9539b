import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { orderBatches } from "@/lib/import/batches";
import type { CsvRow } from "@/lib/import/csv";
import { buildPlan } from "@/lib/import/plan";
import { listImportErrors } from "@/lib/import/queries";
import { targetsFor } from "@/lib/import/targets";
import { importLocalFile } from "@/lib/import/testing";
import { buildCatalog } from "@/lib/fields/catalog";
import { setupTestDb, teardownTestDb } from "./support/db";

const ORDERS = path.resolve("test/fixtures/import/orders-lines.csv");
const EVENTS = path.resolve("test/fixtures/import/events.csv");
const ORDER_TARGETS = ["orderId", "customerEmail", "placedAt", "status", "itemSku", "itemName", "itemCategory", "itemQuantity", "itemUnitPrice"];
const orderColumns = ORDER_TARGETS.map((target, index) => ({ index, target }));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-orders-"));

let db: Db;
let ws: TestWorkspace;
const ctx = () => ws.ctx("editor@a.example");

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "alpha", [{ email: "editor@a.example", role: "editor" }]);
  await db.prisma.customer.createMany({
    data: [
      { workspaceId: ws.id, email: "ada@example.com", externalId: "C-ADA" },
      { workspaceId: ws.id, email: "grace@example.com", externalId: "C-GRACE" },
    ],
  });
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function stats(email: string) {
  const c = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: ws.id, email } });
  return {
    ordersCount: c.ordersCount,
    totalSpent: c.totalSpent.toString(),
    averageOrderValue: c.averageOrderValue?.toString() ?? null,
    firstOrderAt: c.firstOrderAt?.toISOString() ?? null,
    lastOrderAt: c.lastOrderAt?.toISOString() ?? null,
  };
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

describe("orders import", () => {
  it("groups lines by order id (even apart), links customers, fails missing ones, and refreshes derived stats", async () => {
    const { jobId, result } = await importLocalFile(ctx(), "orders", ORDERS, { columns: orderColumns });
    expect(result.progress).toEqual({ totalRows: 6, processedRows: 6, created: 4, updated: 0, skipped: 0, failed: 2 });
    const errors = await listImportErrors(ctx(), jobId);
    expect(errors).toEqual([
      { rowNumber: 5, column: "email", value: "nobody@example.com", reason: 'No customer with email "nobody@example.com" in this workspace: import or create the customer first.' },
      { rowNumber: 7, column: "order_date", value: "not a date", reason: '"not a date" is not a date and time in the format YYYY-MM-DD.' },
    ]);
    const orders = await db.prisma.order.findMany({ where: { workspaceId: ws.id }, include: { items: { orderBy: { name: "asc" } } }, orderBy: { externalId: "asc" } });
    expect(orders.map((o) => [o.externalId, o.total.toString(), o.status, o.currency, o.items.map((i) => `${i.quantity}×${i.name}@${i.unitPrice}`)])).toEqual([
      ["A-1", "115", "paid", "USD", ["2×Shoe@50", "3×Sock@5"]],
      ["B-1", "20", "paid", "USD", ["1×Hat@20"]],
      ["D-1", "100", "refunded", "USD", ["1×Bag@100"]],
    ]);
    expect(orders[0].placedAt.toISOString()).toBe("2024-03-01T09:00:00.000Z");
    expect(await stats("ada@example.com")).toEqual({ ordersCount: 1, totalSpent: "115", averageOrderValue: "115", firstOrderAt: "2024-03-01T09:00:00.000Z", lastOrderAt: "2024-03-01T09:00:00.000Z" });
    expect(await stats("grace@example.com")).toMatchObject({ ordersCount: 1, totalSpent: "20" }); // the refunded order does not count
  });

  it("re-importing updates orders instead of duplicating them or their items", async () => {
    const { result } = await importLocalFile(ctx(), "orders", ORDERS, { columns: orderColumns });
    expect(result.progress).toMatchObject({ created: 0, updated: 4, failed: 2 });
    expect(await db.prisma.order.count({ where: { workspaceId: ws.id } })).toBe(3);
    expect(await db.prisma.orderItem.count({ where: { workspaceId: ws.id } })).toBe(4);
    expect(await stats("ada@example.com")).toMatchObject({ ordersCount: 1, totalSpent: "115" });
  });

  it("moves an order to another customer and refreshes both; skips existing orders when asked", async () => {
    const moved = file("moved.csv", "order,customer id,date,total\nB-1,C-ADA,2024-03-05,30\n");
    const cols = [{ index: 0, target: "orderId" }, { index: 1, target: "customerExternalId" }, { index: 2, target: "placedAt" }, { index: 3, target: "total" }];
    await importLocalFile(ctx(), "orders", moved, { columns: cols });
    expect(await stats("ada@example.com")).toMatchObject({ ordersCount: 2, totalSpent: "145", averageOrderValue: "72.5", lastOrderAt: "2024-03-04T23:00:00.000Z" });
    expect(await stats("grace@example.com")).toEqual({ ordersCount: 0, totalSpent: "0", averageOrderValue: null, firstOrderAt: null, lastOrderAt: null });
    const items = await db.prisma.orderItem.count({ where: { workspaceId: ws.id, order: { externalId: "B-1" } } });
    expect(items).toBe(1); // no item columns mapped: items are kept

    const skipped = file("skip.csv", "order,customer id,date,total\nB-1,C-GRACE,2024-03-05,99\nF-1,C-GRACE,2024-03-06,10\n");
    const { result } = await importLocalFile(ctx(), "orders", skipped, { columns: cols, onExisting: "skip" });
    expect(result.progress).toMatchObject({ created: 1, skipped: 1 });
    expect(await stats("grace@example.com")).toMatchObject({ ordersCount: 1, totalSpent: "10" });
  });

  it("treats each row as an order when no order id is mapped, and still does not duplicate on re-import", async () => {
    const rows = file("rows.csv", "email,date,revenue\nada@example.com,2024-04-01,10\nada@example.com,2024-04-01,10\n");
    const cols = [{ index: 0, target: "customerEmail" }, { index: 1, target: "placedAt" }, { index: 2, target: "total" }];
    expect((await importLocalFile(ctx(), "orders", rows, { columns: cols })).result.progress).toMatchObject({ created: 2 });
    expect((await importLocalFile(ctx(), "orders", rows, { columns: cols })).result.progress).toMatchObject({ created: 0, updated: 2 });
    expect(await stats("ada@example.com")).toMatchObject({ ordersCount: 4, totalSpent: "165" });
  });

  it("never splits an order between batches, wherever its lines are", async () => {
    const plan = buildPlan("orders", ["id", "email", "date", "total"], { columns: [{ index: 0, target: "orderId" }, { index: 1, target: "customerEmail" }, { index: 2, target: "placedAt" }, { index: 3, target: "total" }], match: "email", onExisting: "update" }, targetsFor("orders", buildCatalog()));
    const ids = ["A", "B", "A", "C", "D", "D", "E"];
    const rows: CsvRow[] = ids.map((id, i) => ({ rowNumber: i + 2, cells: [id, "a@x.io", "2024-01-01", "1"] }));
    const last = new Map<string, number>();
    ids.forEach((id, i) => last.set(id, i + 2));
    async function* source() {
      yield* rows;
    }
    const batches: string[][] = [];
    for await (const b of orderBatches(source(), plan.column("orderId")!, last, 2)) batches.push(b.map((r) => r.cells[0]));
    expect(batches).toEqual([["A", "B", "A"], ["C", "D", "D"], ["E"]]);
  });
});

describe("events import", () => {
  const cols = [{ index: 0, target: "customerEmail" }, { index: 1, target: "name" }, { index: 2, target: "occurredAt" }, { index: 3, target: "properties.page" }, { index: 4, target: "properties.price" }];

  it("imports events with typed properties and reports rows without a customer or a name", async () => {
    const { jobId, result } = await importLocalFile(ctx(), "events", EVENTS, { columns: cols });
    expect(result.progress).toMatchObject({ totalRows: 4, created: 2, failed: 2 });
    expect((await listImportErrors(ctx(), jobId)).map((e) => [e.rowNumber, e.column])).toEqual([[4, "email"], [5, "event"]]);
    const events = await db.prisma.event.findMany({ where: { workspaceId: ws.id }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => [e.name, e.occurredAt.toISOString(), e.properties])).toEqual([
      ["product_viewed", "2024-03-01T10:00:00.000Z", { page: "/shoes", price: 59.9 }],
      ["cart_abandoned", "2024-03-01T11:00:00.000Z", {}],
    ]);
  });

  it("skips events already stored, so importing the file twice adds nothing", async () => {
    const { result } = await importLocalFile(ctx(), "events", EVENTS, { columns: cols });
    expect(result.progress).toMatchObject({ created: 0, skipped: 2, failed: 2 });
    expect(await db.prisma.event.count({ where: { workspaceId: ws.id } })).toBe(2);
  });
});
