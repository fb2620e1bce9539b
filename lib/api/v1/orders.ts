import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { orderSelect, toOrderRecord } from "@/lib/customers/queries";
import { buildOrderInputSchema, ORDER_STATUSES } from "@/lib/customers/schemas";
import type { OrderRecord } from "@/lib/customers/types";
import type { Db } from "@/lib/db/client";
import { BODY_LIMITS } from "../body";
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchema } from "../cursor";
import { defineOperation, type ApiContext } from "../operation";
import { jsonPointer } from "../pointer";
import { ApiProblem, notFoundProblem, validationProblem, type ProblemItem } from "../problem";
import { batchBodySchema, batchResultSchema, batchTransaction, checkCustomerRef, customerRefFields, failedParse, invalidRecord, summarize, type CustomerRef, type RecordResult } from "./batch";
import { refreshWriteStatistics } from "./batch-statistics";
import { upsertOrders, type OrderData, type OrderUpsert } from "./order-writes";

const TAG = "Orders";
const amount = z.union([z.string(), z.number()]);

const orderItemInput = z.object({
  sku: z.string().optional().meta({ example: "SKU-1" }),
  name: z.string().meta({ example: "Espresso cup" }),
  category: z.string().optional().meta({ example: "kitchen" }),
  quantity: z.int().optional().meta({ description: "Default 1.", example: 2 }),
  unitPrice: amount.meta({ description: "Decimal, at most 2 places.", example: "12.50" }),
});

/** An order as the API takes it. */
export const orderInputSchema = z
  .object({
    id: z.string().trim().min(1, "Give the order's id in your system.").max(200, "Use an order id of at most 200 characters.").meta({ description: "The order's id in your system (stored as externalId): the key of idempotency.", example: "ORD-1001" }),
    ...customerRefFields,
    placedAt: z.string().meta({ description: "ISO 8601; without a zone, in the workspace's time zone.", example: "2026-12-01T10:15:00Z" }),
    total: amount.optional().meta({ description: "Decimal; default: the sum of the lines.", example: "25.00" }),
    currency: z.string().optional().meta({ description: "ISO 4217; default USD.", example: "EUR" }),
    status: z.enum(ORDER_STATUSES).optional().meta({ description: "Default paid; only paid orders count in the customer's stats." }),
    items: z.array(orderItemInput).max(1000).optional(),
  })
  .superRefine(checkCustomerRef)
  .meta({ id: "OrderInput", example: { id: "ORD-1001", customerEmail: "ada@example.com", placedAt: "2026-12-01T10:15:00Z", currency: "EUR", items: [{ sku: "SKU-1", name: "Espresso cup", quantity: 2, unitPrice: "12.50" }] } });

type OrderInputBody = z.output<typeof orderInputSchema>;

const money = z.string().meta({ example: "25.00" });
export const orderSchema = z
  .object({
    id: z.uuid().meta({ description: "Segmenta's id of the order." }),
    externalId: z.string().nullable().meta({ description: "The order's id in your system.", example: "ORD-1001" }),
    customerId: z.uuid(),
    placedAt: z.iso.datetime(),
    total: money,
    currency: z.string().meta({ example: "EUR" }),
    status: z.enum(ORDER_STATUSES),
    items: z.array(z.object({ sku: z.string().nullable(), name: z.string(), category: z.string().nullable(), quantity: z.int(), unitPrice: money })),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Order" });

function toOrderJson(order: OrderRecord & { customerId: string }): Record<string, unknown> {
  return {
    id: order.id, externalId: order.externalId, customerId: order.customerId, placedAt: order.placedAt.toISOString(), total: order.total, currency: order.currency, status: order.status,
    items: order.items.map((i) => ({ sku: i.sku, name: i.name, category: i.category, quantity: i.quantity, unitPrice: i.unitPrice })), createdAt: order.createdAt.toISOString(),
  };
}

/** An API order through the app's order schema (buildOrderInputSchema): the write, or its problems under base. */
function parseOrderRecord(record: OrderInputBody, index: number, base: string, timeZone: string): OrderUpsert | { errors: ProblemItem[] } {
  const parsed = buildOrderInputSchema({ timeZone }).safeParse({ externalId: record.id, placedAt: record.placedAt, currency: record.currency, status: record.status, total: record.total, items: record.items });
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => ({ pointer: `${base}${jsonPointer(i.path[0] === "externalId" ? ["id", ...i.path.slice(1)] : i.path)}`, message: i.message })) };
  const ref: CustomerRef = { customerId: record.customerId, customerEmail: record.customerEmail, customerExternalId: record.customerExternalId };
  for (const key of Object.keys(ref) as (keyof CustomerRef)[]) if (ref[key] === undefined || ref[key].trim() === "") delete ref[key];
  return { index, base, ref, order: { ...parsed.data, externalId: record.id } as OrderData };
}

async function orderJson(ctx: ApiContext, db: Db, id: string): Promise<Record<string, unknown> | null> {
  const row = await db.prisma.order.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { ...orderSelect, customerId: true } });
  return row ? toOrderJson({ ...toOrderRecord(row), customerId: row.customerId }) : null;
}

const TABLES = ["Order", "OrderItem", "Customer"] as const;

export const createOrder = defineOperation({
  operationId: "createOrder",
  method: "POST",
  path: "/orders",
  tag: TAG,
  summary: "Create or update an order",
  description:
    "Idempotent on the order's `id` (your id, stored as externalId): a new id creates the order (201); the same id with the same content is `unchanged`, with other content (a new status, total or lines) `updated` (200). The customer is named by customerId, customerEmail or customerExternalId. The customer's derived stats (ordersCount, totalSpent, averageOrderValue, firstOrderAt, lastOrderAt) change in the same transaction.",
  access: "write",
  body: orderInputSchema,
  responses: {
    200: { description: "Updated, or unchanged.", schema: z.object({ status: z.enum(["updated", "unchanged"]), data: orderSchema }) },
    201: { description: "Created.", schema: z.object({ status: z.literal("created"), data: orderSchema }) },
  },
  async handle(ctx, { body, db }) {
    const record = parseOrderRecord(body, 0, "", ctx.timeZone);
    if ("errors" in record) throw validationProblem(record.errors);
    const { results, changes } = await batchTransaction(db.sql, async (tx) => {
      const outcome = await upsertOrders(tx, ctx.workspaceId, [record]);
      for (const change of outcome.changes) {
        await recordAudit(tx, ctx, { action: change.status === "created" ? "order.create" : "order.update", entityType: "order", entityId: change.id, diff: { customerId: change.customerId, status: record.order.status, items: record.order.items.length } });
      }
      return outcome;
    });
    const result = results[0];
    if (result.status === "failed") throw validationProblem(result.errors);
    await refreshWriteStatistics(db.sql, [...TABLES], changes.length);
    const data = await orderJson(ctx, db, result.id);
    if (!data) throw notFoundProblem("order");
    return { status: result.status === "created" ? 201 : 200, body: { status: result.status, data } };
  },
});

export const createOrdersBatch = defineOperation({
  operationId: "createOrdersBatch",
  method: "POST",
  path: "/orders/batch",
  tag: TAG,
  summary: "Create or update orders in a batch",
  description:
    "Up to 1,000 orders (5 MB), each as in POST /orders; one result per record, in order. A missing customer or a bad value fails that record only; two records with the same order id fail the later one. Written set-based in one transaction with the customers' derived stats; one audit entry (counts).",
  access: "write",
  body: batchBodySchema(orderInputSchema),
  bodyLimit: BODY_LIMITS.batch,
  responses: { 200: { description: "One result per record.", schema: batchResultSchema } },
  async handle(ctx, { body, db }) {
    const results: RecordResult[] = [];
    const valid: OrderUpsert[] = [];
    body.data.forEach((record, index) => {
      const bad = invalidRecord(record);
      if (bad) return void results.push(failedParse(index, ["data", index], bad));
      const parsed = parseOrderRecord(record, index, `/data/${index}`, ctx.timeZone);
      if ("errors" in parsed) results.push({ index, status: "failed", errors: parsed.errors });
      else valid.push(parsed);
    });
    const outcome = await batchTransaction(db.sql, async (tx) => {
      const written = await upsertOrders(tx, ctx.workspaceId, valid);
      if (written.changes.length > 0) await recordAudit(tx, ctx, { action: "order.batch", entityType: "order", diff: summarize([...results, ...written.results]) });
      return written;
    });
    const items = valid.reduce((n, v) => n + v.order.items.length, 0);
    await refreshWriteStatistics(db.sql, [...TABLES], outcome.changes.length + (outcome.changes.length > 0 ? items : 0));
    const all = [...results, ...outcome.results].sort((a, b) => a.index - b.index);
    return { body: { data: all, summary: summarize(all) } };
  },
});

export const listCustomerOrders = defineOperation({
  operationId: "listCustomerOrders",
  method: "GET",
  path: "/customers/{id}/orders",
  tag: TAG,
  summary: "List a customer's orders",
  description: "The customer's orders with their lines, newest first (by placedAt, then id), in cursor pages.",
  access: "read",
  params: z.object({ id: z.uuid().meta({ description: "The customer's id." }) }),
  resource: "customer",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of orders.", schema: pageSchema(orderSchema) } },
  async handle(ctx, { params, query, db }) {
    const owner = await db.prisma.customer.count({ where: { workspaceId: ctx.workspaceId, id: params.id } });
    if (!owner) throw notFoundProblem("customer");
    const scope = `${ctx.workspaceId}:customer-orders:${params.id}`;
    let before: { placedAt: Date; id: string } | null = null;
    if (query.cursor) {
      const [placedAt, id] = decodeCursor(scope, query.cursor);
      if (typeof placedAt !== "string" || typeof id !== "string" || !z.uuid().safeParse(id).success || Number.isNaN(Date.parse(placedAt))) {
        throw new ApiProblem(400, "The cursor is not valid here.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
      }
      before = { placedAt: new Date(placedAt), id };
    }
    const rows = await db.prisma.order.findMany({
      where: {
        workspaceId: ctx.workspaceId,
        customerId: params.id,
        ...(before ? { OR: [{ placedAt: { lt: before.placedAt } }, { placedAt: before.placedAt, id: { lt: before.id } }] } : {}),
      },
      select: { ...orderSelect, customerId: true },
      orderBy: [{ placedAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      body: {
        data: page.map((row) => toOrderJson({ ...toOrderRecord(row), customerId: row.customerId })),
        nextCursor: rows.length > query.limit && last ? encodeCursor(scope, [last.placedAt.toISOString(), last.id]) : null,
      },
    };
  },
});

export const ORDER_OPERATIONS = [createOrder, createOrdersBatch, listCustomerOrders];
