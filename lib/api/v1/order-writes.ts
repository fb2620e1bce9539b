import "server-only";
import { randomUUID } from "node:crypto";
import { refreshDerivedStats } from "@/lib/customers/derived-stats";
import type { SqlDriver } from "@/lib/db/client";
import { failed, missingCustomerMessage, refField, resolveCustomerRefs, type CustomerRef, type RecordResult } from "./batch";

/**
 * The API's order writes, set-based and idempotent on the client's order id (Order.externalId):
 * a new id creates the order; a known id with the same content is "unchanged"; a known id with
 * other content (a refund, a corrected total, other lines) is "updated": the order and its lines are
 * replaced. Derived stats stay exact either way, because the customers concerned (before and after)
 * are locked before any order is written and their stats are recomputed from their paid orders in
 * the same transaction (refreshDerivedStats): a concurrent batch for the same customer waits, then
 * reads these orders.
 */

/** A validated order line. */
export interface OrderLine {
  sku: string | null;
  name: string;
  category: string | null;
  quantity: number;
  unitPrice: string;
}

/** A validated order (buildOrderInputSchema's output, with the client's id). */
export interface OrderData {
  externalId: string;
  placedAt: Date;
  total: string;
  currency: string;
  status: string;
  items: OrderLine[];
}

export interface OrderUpsert {
  index: number;
  base: string;
  ref: CustomerRef;
  order: OrderData;
}

export interface OrderChange {
  index: number;
  id: string;
  status: "created" | "updated";
  customerId: string;
}

interface StoredOrder {
  id: string;
  externalId: string;
  customerId: string;
  placedAt: Date;
  total: string;
  currency: string;
  status: string;
}

type Resolved = OrderUpsert & { customerId: string; id: string; stored: StoredOrder | null };

function content(customerId: string, order: Omit<OrderData, "externalId">): string {
  const lines = order.items.map((i) => JSON.stringify([i.sku ?? null, i.name, i.category ?? null, i.quantity, i.unitPrice])).sort();
  return JSON.stringify([customerId, new Date(order.placedAt).getTime(), order.total, order.currency, order.status, lines]);
}

async function storedOrders(tx: SqlDriver, workspaceId: string, externalIds: readonly string[]): Promise<Map<string, { order: StoredOrder; content: string }>> {
  if (externalIds.length === 0) return new Map();
  const orders = await tx.query<StoredOrder>(
    `SELECT "id"::text AS "id", "externalId", "customerId"::text AS "customerId", "placedAt", "total"::text AS "total", "currency", "status"
       FROM "Order" WHERE "workspaceId" = $1::uuid AND "externalId" = ANY($2::text[]) ORDER BY "id" FOR UPDATE`,
    [workspaceId, externalIds],
  );
  if (orders.length === 0) return new Map();
  const items = await tx.query<OrderLine & { orderId: string }>(
    `SELECT "orderId"::text AS "orderId", "sku", "name", "category", "quantity", "unitPrice"::text AS "unitPrice"
       FROM "OrderItem" WHERE "workspaceId" = $1::uuid AND "orderId" = ANY($2::uuid[])`,
    [workspaceId, orders.map((o) => o.id)],
  );
  return new Map(orders.map((o) => [o.externalId, { order: o, content: content(o.customerId, { ...o, items: items.filter((i) => i.orderId === o.id) }) }]));
}

async function insertOrders(tx: SqlDriver, workspaceId: string, orders: readonly Resolved[]): Promise<void> {
  if (orders.length === 0) return;
  const payload = orders.map((o) => ({ id: o.id, customerId: o.customerId, externalId: o.order.externalId, placedAt: o.order.placedAt, total: o.order.total, currency: o.order.currency, status: o.order.status }));
  await tx.query(
    `INSERT INTO "Order" ("id", "workspaceId", "customerId", "externalId", "placedAt", "total", "currency", "status")
     SELECT r."id", $1::uuid, r."customerId", r."externalId", r."placedAt", r."total", r."currency", r."status"
       FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "customerId" uuid, "externalId" text, "placedAt" timestamptz, "total" numeric(14,2), "currency" text, "status" text)`,
    [workspaceId, JSON.stringify(payload)],
  );
}

async function updateOrders(tx: SqlDriver, workspaceId: string, orders: readonly Resolved[]): Promise<void> {
  if (orders.length === 0) return;
  const payload = orders.map((o) => ({ id: o.id, customerId: o.customerId, placedAt: o.order.placedAt, total: o.order.total, currency: o.order.currency, status: o.order.status }));
  await tx.query(
    `UPDATE "Order" AS o SET "customerId" = r."customerId", "placedAt" = r."placedAt", "total" = r."total", "currency" = r."currency", "status" = r."status"
       FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "customerId" uuid, "placedAt" timestamptz, "total" numeric(14,2), "currency" text, "status" text)
      WHERE o."workspaceId" = $1::uuid AND o."id" = r."id"`,
    [workspaceId, JSON.stringify(payload)],
  );
  await tx.query(`DELETE FROM "OrderItem" WHERE "workspaceId" = $1::uuid AND "orderId" = ANY($2::uuid[])`, [workspaceId, orders.map((o) => o.id)]);
}

async function insertItems(tx: SqlDriver, workspaceId: string, orders: readonly Resolved[]): Promise<void> {
  const items = orders.flatMap((o) => o.order.items.map((item) => ({ orderId: o.id, ...item })));
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO "OrderItem" ("workspaceId", "orderId", "sku", "name", "category", "quantity", "unitPrice")
     SELECT $1::uuid, r."orderId", r."sku", r."name", r."category", r."quantity", r."unitPrice"
       FROM jsonb_to_recordset($2::jsonb) AS r("orderId" uuid, "sku" text, "name" text, "category" text, "quantity" integer, "unitPrice" numeric(14,2))`,
    [workspaceId, JSON.stringify(items)],
  );
}

/** Writes the orders of `records` (valid, in request order) inside `tx`; one result per record. */
export async function upsertOrders(tx: SqlDriver, workspaceId: string, records: readonly OrderUpsert[]): Promise<{ results: RecordResult[]; changes: OrderChange[] }> {
  const results: RecordResult[] = [];
  const customerOf = await resolveCustomerRefs(tx, workspaceId, records.map((r) => r.ref));
  const seen = new Map<string, number>();
  const found: (OrderUpsert & { customerId: string })[] = [];
  for (const record of records) {
    const customerId = customerOf(record.ref);
    const earlier = seen.get(record.order.externalId);
    if (!customerId) results.push(failed(record.index, record.base, refField(record.ref), missingCustomerMessage(record.ref)));
    else if (earlier !== undefined) results.push(failed(record.index, record.base, "id", `Record ${earlier} of this batch has the same order id: send each order once.`));
    else {
      seen.set(record.order.externalId, record.index);
      found.push({ ...record, customerId });
    }
  }
  const stored = await storedOrders(tx, workspaceId, found.map((f) => f.order.externalId));
  const customers = [...new Set([...found.map((f) => f.customerId), ...[...stored.values()].map((s) => s.order.customerId)])].sort();
  await tx.query(`SELECT 1 FROM "Customer" WHERE "workspaceId" = $1::uuid AND "id" = ANY($2::uuid[]) ORDER BY "id" FOR UPDATE`, [workspaceId, customers]);

  const resolved: Resolved[] = found.map((f) => {
    const s = stored.get(f.order.externalId);
    return { ...f, id: s?.order.id ?? randomUUID(), stored: s?.order ?? null };
  });
  const creates = resolved.filter((r) => !r.stored);
  const updates = resolved.filter((r) => r.stored && stored.get(r.order.externalId)!.content !== content(r.customerId, r.order));
  await insertOrders(tx, workspaceId, creates);
  await updateOrders(tx, workspaceId, updates);
  await insertItems(tx, workspaceId, [...creates, ...updates]);
  const touched = [...creates, ...updates].flatMap((r) => [r.customerId, ...(r.stored ? [r.stored.customerId] : [])]);
  if (touched.length > 0) await refreshDerivedStats(tx, workspaceId, touched);

  const updated = new Set(updates.map((u) => u.id));
  const changes: OrderChange[] = [];
  for (const r of resolved) {
    const status = !r.stored ? "created" : updated.has(r.id) ? "updated" : "unchanged";
    results.push({ index: r.index, status, id: r.id });
    if (status !== "unchanged") changes.push({ index: r.index, id: r.id, status, customerId: r.customerId });
  }
  results.sort((a, b) => a.index - b.index);
  return { results, changes };
}
