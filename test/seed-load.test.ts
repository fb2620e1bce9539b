import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sortIndexName } from "@/lib/custom-fields/sort-index";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createGenerator } from "@/lib/seed/generator";
import { seedWorkspace } from "@/lib/seed/load";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";

const NOW = new Date("2026-11-25T12:00:00Z");
let db: Db;
let workspaceId: string;

async function rowCounts(id: string): Promise<Record<string, number>> {
  const [row] = await db.sql.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "Customer" WHERE "workspaceId" = $1)::text AS "Customer",
            (SELECT count(*) FROM "Order" WHERE "workspaceId" = $1)::text AS "Order",
            (SELECT count(*) FROM "OrderItem" WHERE "workspaceId" = $1)::text AS "OrderItem",
            (SELECT count(*) FROM "Event" WHERE "workspaceId" = $1)::text AS "Event",
            (SELECT count(*) FROM "CustomField" WHERE "workspaceId" = $1)::text AS "CustomField"`,
    [id],
  );
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
}

async function indexNames(): Promise<string[]> {
  const rows = await db.sql.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('Customer', 'Order', 'OrderItem', 'Event') ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

beforeAll(async () => {
  db = await setupTestDb();
  workspaceId = (await createWorkspace(db, { slug: "load-test", name: "Load test" })).id;
  await createWorkspace(db, { slug: "other", name: "Other" });
});
afterAll(teardownTestDb);

describe("seedWorkspace", () => {
  it("loads customers, orders, items, events and custom fields with COPY", async () => {
    const indexesBefore = await indexNames();
    const result = await seedWorkspace(db, { workspaceSlug: "load-test", customers: 300, seed: 5, now: NOW, worker: false, chunkSize: 120, rebuildIndexes: true });
    const expected = createGenerator({ seed: 5, now: NOW.getTime() }).chunk(0, 300);
    const orders = expected.flatMap((c) => c.orders);
    expect(result.rows).toEqual({
      Customer: 300,
      Order: orders.length,
      OrderItem: orders.reduce((n, o) => n + o.items.length, 0),
      Event: expected.reduce((n, c) => n + c.events.length, 0),
    });
    expect(result.customFieldsCreated).toBe(5);
    expect(await rowCounts(workspaceId)).toEqual({ ...result.rows, CustomField: 5 });
    // The indexes dropped for the load are back, plus a sort index for each sortable custom field it created.
    const fields = await db.sql.query<{ id: string; type: string }>(`SELECT "id"::text AS "id", "type"::text AS "type" FROM "CustomField" WHERE "workspaceId" = $1`, [workspaceId]);
    const sortIndexes = fields.filter((f) => f.type !== "multiselect").map((f) => sortIndexName(f.id));
    expect(sortIndexes.length).toBeGreaterThan(0);
    expect((await indexNames()).sort()).toEqual([...indexesBefore, ...sortIndexes].sort());
  });

  it("stores derived stats equal to aggregates over paid orders", async () => {
    const [row] = await db.sql.query<{ mismatches: string; buyers: string }>(
      `WITH paid AS (
         SELECT "customerId", count(*) AS n, sum(total) AS spent, round(sum(total) / count(*), 2) AS aov,
                min("placedAt") AS first_at, max("placedAt") AS last_at
           FROM "Order" WHERE "workspaceId" = $1 AND status = 'paid' GROUP BY "customerId")
       SELECT count(*) FILTER (WHERE c."ordersCount" <> coalesce(p.n, 0)
                                  OR c."totalSpent" <> coalesce(p.spent, 0)
                                  OR c."averageOrderValue" IS DISTINCT FROM p.aov
                                  OR c."firstOrderAt" IS DISTINCT FROM p.first_at
                                  OR c."lastOrderAt" IS DISTINCT FROM p.last_at)::text AS mismatches,
              count(p.n)::text AS buyers
         FROM "Customer" c LEFT JOIN paid p ON p."customerId" = c.id
        WHERE c."workspaceId" = $1`,
      [workspaceId],
    );
    expect(Number(row.mismatches)).toBe(0);
    expect(Number(row.buyers)).toBeGreaterThan(150);
    const [totals] = await db.sql.query<{ bad: string }>(
      `SELECT count(*)::text AS bad FROM "Order" o
         JOIN (SELECT "orderId", sum(quantity * "unitPrice") AS t FROM "OrderItem" WHERE "workspaceId" = $1 GROUP BY 1) i ON i."orderId" = o.id
        WHERE o."workspaceId" = $1 AND o.total <> i.t`,
      [workspaceId],
    );
    expect(Number(totals.bad)).toBe(0);
  });

  it("round-trips every column of a generated customer", async () => {
    const c = createGenerator({ seed: 5, now: NOW.getTime() }).customer(123);
    const stored = await db.prisma.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: c.id } } });
    const money = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));
    expect({
      email: stored.email, firstName: stored.firstName, lastName: stored.lastName, phone: stored.phone, city: stored.city,
      birthDate: stored.birthDate?.toISOString().slice(0, 10), company: stored.company, companySize: stored.companySize,
      income: stored.income?.toFixed(2), tags: stored.tags, emailOptIn: stored.emailOptIn, attributes: stored.attributes,
      signedUpAt: stored.signedUpAt?.getTime(), lastSeenAt: stored.lastSeenAt?.getTime(), ordersCount: stored.ordersCount,
      totalSpent: stored.totalSpent.toFixed(2), averageOrderValue: stored.averageOrderValue?.toFixed(2) ?? null,
      lastOrderAt: stored.lastOrderAt?.getTime() ?? null, lifecycleStage: stored.lifecycleStage,
    }).toEqual({
      email: c.email, firstName: c.firstName, lastName: c.lastName, phone: c.phone, city: c.city,
      birthDate: c.birthDate, company: c.company, companySize: c.companySize,
      income: c.income.toFixed(2), tags: c.tags, emailOptIn: c.emailOptIn, attributes: c.attributes,
      signedUpAt: c.signedUpAt, lastSeenAt: c.lastSeenAt, ordersCount: c.ordersCount,
      totalSpent: money(c.totalSpentCents), averageOrderValue: money(c.averageOrderValueCents),
      lastOrderAt: c.lastOrderAt, lifecycleStage: c.lifecycleStage,
    });
    const events = await db.prisma.event.findMany({ where: { workspaceId, customerId: c.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.name, e.occurredAt.getTime(), e.properties])).toEqual(
      c.events.map((e) => [e.name, e.occurredAt, JSON.parse(e.properties)]),
    );
  });

  it("decodes numbers, dates, arrays and JSON of every customer exactly", async () => {
    const rows = await db.sql.query<Record<string, string | null>>(
      `SELECT id::text, income::text, "totalSpent"::text AS spent, "averageOrderValue"::text AS aov, "birthDate"::text AS birth,
              array_to_string(tags, ',') AS tags, attributes::text AS attrs, "companySize"::text AS size,
              to_char("lastOrderAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_order
         FROM "Customer" WHERE "workspaceId" = $1 ORDER BY id`,
      [workspaceId],
    );
    const money = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));
    const expected = createGenerator({ seed: 5, now: NOW.getTime() }).chunk(0, 300).map((c) => ({
      id: c.id, income: c.income.toFixed(2), spent: money(c.totalSpentCents), aov: money(c.averageOrderValueCents), birth: c.birthDate,
      tags: c.tags.join(","), attrs: c.attributes, size: c.companySize === null ? null : String(c.companySize),
      last_order: c.lastOrderAt === null ? null : new Date(c.lastOrderAt).toISOString(),
    }));
    expect(rows.map((row) => ({ ...row, attrs: JSON.parse(row.attrs ?? "null") }))).toEqual(expected);
  });

  it("refuses a workspace that has customers unless replace is set, and changes nothing", async () => {
    const before = await rowCounts(workspaceId);
    const error = await seedWorkspace(db, { workspaceSlug: "load-test", customers: 10, seed: 1, worker: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).message).toMatch(/already has 300 customers.*--replace/);
    expect(await rowCounts(workspaceId)).toEqual(before);
  });

  it("replaces the customers with --replace and leaves other workspaces alone", async () => {
    const other = await seedWorkspace(db, { workspaceSlug: "other", customers: 40, seed: 5, now: NOW, worker: false });
    const result = await seedWorkspace(db, { workspaceSlug: "load-test", customers: 80, seed: 9, now: NOW, worker: false, replace: true });
    expect(result.replacedCustomers).toBe(300);
    expect(result.customFieldsCreated).toBe(0);
    expect(await rowCounts(workspaceId)).toEqual({ ...result.rows, CustomField: 5 });
    expect(await rowCounts(other.workspaceId)).toEqual({ ...other.rows, CustomField: 5 });
  });

  it("generates in a worker thread with the same result as inline", async () => {
    const id = (await createWorkspace(db, { slug: "worker-test", name: "Worker" })).id;
    const result = await seedWorkspace(db, { workspaceSlug: "worker-test", customers: 80, seed: 9, now: NOW, worker: true, chunkSize: 30 });
    expect(result.generator).toBe("worker");
    const digest = async (ws: string) =>
      db.sql.query<{ d: string }>(
        `SELECT md5(string_agg(concat_ws('|', id, email, "totalSpent", attributes::text, tags::text), ',' ORDER BY id)) AS d FROM "Customer" WHERE "workspaceId" = $1`,
        [ws],
      );
    expect(await digest(id)).toEqual(await digest(workspaceId));
  });

  it("names an unknown workspace", async () => {
    await expect(seedWorkspace(db, { workspaceSlug: "nope", customers: 1, seed: 1 })).rejects.toThrow(/no workspace "nope".*workspace create/);
  });
});
