import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField, setCustomFieldArchived, updateCustomField } from "@/lib/custom-fields/mutations";
import { getCustomField, listCustomFields } from "@/lib/custom-fields/queries";
import { refreshDerivedStats } from "@/lib/customers/derived-stats";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/mutations";
import { createOrder, deleteOrder, updateOrderStatus } from "@/lib/customers/order-mutations";
import { exportCustomerData } from "@/lib/customers/personal-data";
import { getCustomer, getCustomerProfile, listCustomerEvents } from "@/lib/customers/queries";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

// Workspace A's admin acts; every id passed belongs to workspace B. Nothing of B may be read or changed.
let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let bCustomer: string;
let bOrder: string;
let bField: string;

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "alpha", [{ email: "admin@a.example", role: "admin" }]);
  b = await createTestWorkspace(db, "bravo", [{ email: "admin@b.example", role: "admin" }]);
  const bAdmin = b.ctx("admin@b.example");
  bField = (await createCustomField(bAdmin, { label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }] })).id;
  bCustomer = (await createCustomer(bAdmin, { email: "shared@example.com", firstName: "Bea", "custom.tier": "gold" })).id;
  bOrder = (await createOrder(bAdmin, bCustomer, { placedAt: "2026-01-01", items: [{ name: "Tea", unitPrice: "4.20" }] })).id;
  await db.prisma.event.create({ data: { workspaceId: b.id, customerId: bCustomer, name: "page_view", occurredAt: new Date() } });
  // A has its own customer with the same email: allowed, and must stay separate.
  await createCustomer(a.ctx("admin@a.example"), { email: "shared@example.com", firstName: "Alf" });
});
afterAll(teardownTestDb);

async function stateOfB() {
  const where = { workspaceId: b.id };
  const [customers, orders, items, events, fields, audit] = await Promise.all([
    db.prisma.customer.findMany({ where, orderBy: { id: "asc" } }),
    db.prisma.order.findMany({ where, orderBy: { id: "asc" } }),
    db.prisma.orderItem.findMany({ where, orderBy: { id: "asc" } }),
    db.prisma.event.findMany({ where, orderBy: { id: "asc" } }),
    db.prisma.customField.findMany({ where, orderBy: { id: "asc" } }),
    db.prisma.auditLog.count({ where }),
  ]);
  return { customers, orders, items, events, fields, audit };
}

let before: Awaited<ReturnType<typeof stateOfB>>;
beforeEach(async () => {
  before = await stateOfB();
});

const actor = () => a.ctx("admin@a.example");

async function refused(p: Promise<unknown>): Promise<void> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("not_found");
}

describe("customer functions with workspace A's context and workspace B's ids", () => {
  it("reads nothing of B", async () => {
    expect(await getCustomer(actor(), bCustomer)).toBeNull();
    expect(await getCustomerProfile(actor(), bCustomer)).toBeNull();
    expect(await exportCustomerData(actor(), bCustomer)).toBeNull();
    expect(await listCustomerEvents(actor(), bCustomer)).toMatchObject({ events: [], total: 0 });
    expect(await getCustomField(actor(), bField)).toBeNull();
    expect((await listCustomFields(actor())).map((f) => f.id)).not.toContain(bField);
  });

  it("changes nothing of B", async () => {
    await refused(updateCustomer(actor(), bCustomer, { firstName: "Hacked" }));
    await refused(deleteCustomer(actor(), bCustomer));
    await refused(createOrder(actor(), bCustomer, { placedAt: "2026-01-01", total: "1" }));
    await refused(updateOrderStatus(actor(), bOrder, "refunded"));
    await refused(deleteOrder(actor(), bOrder));
    await refused(updateCustomField(actor(), { fieldId: bField, label: "Hacked", type: "text" }));
    await refused(setCustomFieldArchived(actor(), { fieldId: bField, archived: true }));
    await db.prisma.$transaction((tx) => refreshDerivedStats(tx, a.id, [bCustomer]));
    expect(await stateOfB()).toEqual(before);
  });

  it("a custom value for B's field key is refused in A (A has no such field)", async () => {
    await expect(createCustomer(actor(), { email: "x@a.example", "custom.tier": "gold" })).rejects.toThrow(/There is no custom field/);
    expect(await stateOfB()).toEqual(before);
  });

  it("B's context still sees B's data unchanged", async () => {
    const profile = await getCustomerProfile(b.ctx("admin@b.example"), bCustomer);
    expect(profile).toMatchObject({ customer: { firstName: "Bea", ordersCount: 1, totalSpent: "4.20", attributes: { tier: "gold" } }, ordersTotal: 1, eventsTotal: 1 });
  });
});
