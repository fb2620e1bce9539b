import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { zodFieldErrors } from "@/lib/auth/errors";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField } from "@/lib/custom-fields/mutations";
import { createCustomer, deleteCustomer, DUPLICATE_MESSAGES, updateCustomer } from "@/lib/customers/mutations";
import { createOrder } from "@/lib/customers/order-mutations";
import { exportCustomerData } from "@/lib/customers/personal-data";
import { getCustomer, getCustomerProfile, listCustomerEvents } from "@/lib/customers/queries";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let ws: TestWorkspace;
const editor = () => ws.ctx("editor@crud.example");
const viewer = () => ws.ctx("viewer@crud.example");

beforeAll(async () => {
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "crud", [
    { email: "admin@crud.example", role: "admin" },
    { email: "editor@crud.example", role: "editor" },
    { email: "viewer@crud.example", role: "viewer" },
  ]);
  await createCustomField(ws.ctx("admin@crud.example"), { label: "Interests", type: "multiselect", options: [{ key: "yoga", label: "Yoga" }, { key: "golf", label: "Golf" }] });
  await createCustomField(ws.ctx("admin@crud.example"), { label: "Points", type: "number" });
});
afterAll(teardownTestDb);

async function fieldErrorsOf(p: Promise<unknown>): Promise<Record<string, string>> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (e instanceof z.ZodError) return zodFieldErrors(e);
  if (e instanceof AppError) return e.fieldErrors ?? { form: e.message };
  throw new Error(`expected a validation failure, got ${String(e)}`);
}

const count = () => db.prisma.customer.count({ where: { workspaceId: ws.id } });

describe("createCustomer", () => {
  it("stores normalized standard and custom values, and an audit row without values", async () => {
    const { id } = await createCustomer(editor(), {
      email: " Ada@Example.COM ",
      firstName: "Ada",
      country: "pl",
      language: "en-gb",
      tags: "VIP;b2b",
      birthDate: "1990-05-31",
      income: "52000.5",
      signedUpAt: "2026-01-10 09:00",
      "custom.interests": "Yoga;golf",
      "custom.points": "120",
    });
    const c = await getCustomer(editor(), id);
    expect(c).toMatchObject({
      email: "ada@example.com", firstName: "Ada", country: "PL", language: "en-GB", tags: ["vip", "b2b"], birthDate: "1990-05-31",
      income: "52000.50", signedUpAt: new Date("2026-01-10T08:00:00Z"), attributes: { interests: ["yoga", "golf"], points: 120 },
      ordersCount: 0, totalSpent: "0.00", averageOrderValue: null,
    });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { workspaceId: ws.id, action: "customer.create", entityId: id } });
    expect(JSON.stringify(audit.diff)).not.toMatch(/ada|Ada|52000/);
  });

  it("puts each validation error at its field and writes nothing", async () => {
    const before = await count();
    expect(await fieldErrorsOf(createCustomer(editor(), { email: "nope", companySize: "2.5", "custom.interests": "chess", ordersCount: "3" }))).toEqual({
      email: '"nope" is not a valid email address.',
      companySize: "Company size must be a whole number of people.",
      "custom.interests": '"chess" is not an option of Interests. Choose one of: Yoga, Golf.',
      ordersCount: "Orders is computed by Segmenta and cannot be set.",
    });
    expect(await fieldErrorsOf(createCustomer(editor(), { firstName: "No identity" }))).toHaveProperty("email");
    expect(await count()).toBe(before);
  });

  it("refuses a duplicate email or external id in the workspace at the field", async () => {
    await createCustomer(editor(), { externalId: "EXT-1", email: "grace@example.com" });
    expect(await fieldErrorsOf(createCustomer(editor(), { email: "GRACE@example.com" }))).toEqual({ email: DUPLICATE_MESSAGES.email });
    expect(await fieldErrorsOf(createCustomer(editor(), { externalId: "EXT-1", email: "new@example.com" }))).toEqual({ externalId: DUPLICATE_MESSAGES.externalId });
  });

  it("allows the same email in another workspace", async () => {
    const other = await createTestWorkspace(db, "crud-other", [{ email: "ed@other.example", role: "editor" }]);
    await expect(createCustomer(other.ctx("ed@other.example"), { email: "grace@example.com" })).resolves.toHaveProperty("id");
  });

  it("is refused for viewers", async () => {
    const e = await createCustomer(viewer(), { email: "v@example.com" }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("forbidden");
  });
});

describe("updateCustomer", () => {
  it("changes only the given fields, clears empty ones and removes cleared custom values", async () => {
    const { id } = await createCustomer(editor(), { email: "upd@example.com", firstName: "Up", city: "Kraków", "custom.points": 5, "custom.interests": "yoga" });
    await updateCustomer(editor(), id, { city: "", lastName: "Date", "custom.points": "", "custom.interests": "golf" });
    const c = await getCustomer(editor(), id);
    expect(c).toMatchObject({ email: "upd@example.com", firstName: "Up", lastName: "Date", city: null, attributes: { interests: ["golf"] } });
    expect(c?.attributes).not.toHaveProperty("points");
    expect(c!.updatedAt.getTime()).toBeGreaterThanOrEqual(c!.createdAt.getTime());
  });

  it("an update without fields changes nothing, not even updatedAt", async () => {
    const { id } = await createCustomer(editor(), { email: "still@example.com" });
    const before = await getCustomer(editor(), id);
    await updateCustomer(editor(), id, {});
    expect(await getCustomer(editor(), id)).toEqual(before);
    expect(await db.prisma.auditLog.count({ where: { workspaceId: ws.id, action: "customer.update", entityId: id } })).toBe(0);
  });

  it("keeps an email or an external id, and refuses another customer's email", async () => {
    const { id } = await createCustomer(editor(), { email: "keep@example.com" });
    expect(await fieldErrorsOf(updateCustomer(editor(), id, { email: "" }))).toHaveProperty("email");
    await updateCustomer(editor(), id, { email: "", externalId: "K-1" });
    expect(await getCustomer(editor(), id)).toMatchObject({ email: null, externalId: "K-1" });
    expect(await fieldErrorsOf(updateCustomer(editor(), id, { email: "grace@example.com" }))).toEqual({ email: DUPLICATE_MESSAGES.email });
    await updateCustomer(editor(), id, { externalId: "K-1", email: "keep@example.com" });
    expect(await getCustomer(editor(), id)).toMatchObject({ email: "keep@example.com" });
  });
});

describe("profile, events and the data download", () => {
  it("returns orders with items newest first, paginates events newest first, and exports everything", async () => {
    const { id } = await createCustomer(editor(), { email: "profile@example.com", firstName: "Pro" });
    await createOrder(editor(), id, { placedAt: "2026-01-02 10:00", items: [{ name: "Mug", unitPrice: "12.50", quantity: 2, category: "home" }] });
    await createOrder(editor(), id, { placedAt: "2026-02-02 10:00", total: "99.99", status: "refunded" });
    await db.prisma.event.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        workspaceId: ws.id, customerId: id, name: i % 2 ? "page_view" : "email_opened",
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)), properties: { n: i },
      })),
    });
    const profile = await getCustomerProfile(editor(), id);
    expect(profile?.orders.map((o) => [o.total, o.status, o.items.length])).toEqual([["99.99", "refunded", 0], ["25.00", "paid", 1]]);
    expect(profile?.orders[1].items[0]).toMatchObject({ name: "Mug", unitPrice: "12.50", quantity: 2, category: "home" });
    expect(profile).toMatchObject({ ordersTotal: 2, eventsTotal: 45, customer: { ordersCount: 1, totalSpent: "25.00" } });

    const first = await listCustomerEvents(viewer(), id, { page: 1 });
    expect(first).toMatchObject({ total: 45, pageCount: 3, page: 1 });
    expect(first.events[0].properties).toEqual({ n: 44 });
    const last = await listCustomerEvents(viewer(), id, { page: "3" });
    expect(last.events.map((e) => e.properties.n)).toEqual([4, 3, 2, 1, 0]);
    expect((await listCustomerEvents(viewer(), id, { page: 99 })).page).toBe(3);
    expect((await listCustomerEvents(viewer(), id, { page: "junk" })).page).toBe(1);

    const data = await exportCustomerData(viewer(), id);
    expect(data?.customer).toMatchObject({ id, email: "profile@example.com", firstName: "Pro", ordersCount: 1 });
    expect(data?.orders).toHaveLength(2);
    expect(data?.orders[0].items[0]).toMatchObject({ name: "Mug" });
    expect(data?.events).toHaveLength(45);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe("deleteCustomer (right to erasure)", () => {
  it("removes the customer with orders, items and events; the audit row has counts only", async () => {
    const { id } = await createCustomer(editor(), { email: "erase@example.com", firstName: "Erasable", phone: "+48 600 000 000" });
    await createOrder(editor(), id, { placedAt: "2026-01-02", items: [{ name: "A", unitPrice: 1 }, { name: "B", unitPrice: 2 }] });
    await db.prisma.event.create({ data: { workspaceId: ws.id, customerId: id, name: "page_view", occurredAt: new Date() } });
    const keep = await createCustomer(editor(), { email: "keep-orders@example.com" });
    await createOrder(editor(), keep.id, { placedAt: "2026-01-02", items: [{ name: "C", unitPrice: 3 }] });

    expect(await deleteCustomer(editor(), id)).toEqual({ orders: 1, events: 1 });
    expect(await getCustomer(editor(), id)).toBeNull();
    const where = { workspaceId: ws.id, customerId: id };
    expect([await db.prisma.order.count({ where }), await db.prisma.event.count({ where })]).toEqual([0, 0]);
    expect(await db.prisma.orderItem.count({ where: { workspaceId: ws.id } })).toBe(2); // the Mug and C remain
    const audit = await db.prisma.auditLog.findMany({ where: { workspaceId: ws.id, entityId: id } });
    expect(audit.find((a) => a.action === "customer.delete")?.diff).toEqual({ orders: 1, orderItems: 2, events: 1 });
    expect(JSON.stringify(audit.map((a) => a.diff))).not.toMatch(/erase@|Erasable|600 000/);
    expect((await getCustomerProfile(editor(), keep.id))?.orders).toHaveLength(1);
    await expect(deleteCustomer(editor(), id)).rejects.toMatchObject({ code: "not_found" });
  });
});
