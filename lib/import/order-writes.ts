import "server-only";
import { refreshDerivedStats } from "@/lib/customers/derived-stats";
import type { SqlDriver } from "@/lib/db/client";
import type { CustomerRef, OrderDraft } from "./order-rows";
import type { WriteOutcome } from "./outcome";
import type { ImportPlan } from "./plan";
import type { RowError } from "./rows";

/** The workspace's customer ids for the refs' emails and external ids. */
export async function resolveCustomers(tx: SqlDriver, workspaceId: string, refs: readonly CustomerRef[]): Promise<(ref: CustomerRef) => string | undefined> {
  const emails = [...new Set(refs.flatMap((r) => (r.email ? [r.email] : [])))];
  const externalIds = [...new Set(refs.flatMap((r) => (!r.email && r.externalId ? [r.externalId] : [])))];
  const rows = await tx.query<{ id: string; email: string | null; externalId: string | null }>(
    `SELECT "id"::text AS "id", "email", "externalId" FROM "Customer"
      WHERE "workspaceId" = $1::uuid AND ("email" = ANY($2::text[]) OR "externalId" = ANY($3::text[]))`,
    [workspaceId, emails, externalIds],
  );
  const byEmail = new Map(rows.flatMap((r) => (r.email ? [[r.email, r.id] as const] : [])));
  const byExternalId = new Map(rows.flatMap((r) => (r.externalId ? [[r.externalId, r.id] as const] : [])));
  return (ref) => (ref.email ? byEmail.get(ref.email) : ref.externalId ? byExternalId.get(ref.externalId) : undefined);
}

/** The error of a row whose customer does not exist, at the column that named it. */
export function missingCustomer(plan: ImportPlan, ref: CustomerRef, rowNumber: number): RowError {
  const byEmail = ref.email !== null;
  const column = plan.column(byEmail ? "customerEmail" : "customerExternalId");
  const value = byEmail ? ref.email : ref.externalId;
  const reason = `No customer with ${byEmail ? "email" : "external ID"} "${value}" in this workspace: import or create the customer first.`;
  return { rowNumber, column: column?.header ?? null, value, reason };
}

interface Resolved {
  order: OrderDraft;
  customerId: string;
}

async function insertOrders(tx: SqlDriver, workspaceId: string, orders: readonly Resolved[]): Promise<Map<string, string>> {
  if (orders.length === 0) return new Map();
  const payload = orders.map(({ order, customerId }) => ({
    customerId, externalId: order.key, placedAt: order.placedAt, total: order.total, currency: order.currency, status: order.status,
  }));
  const rows = await tx.query<{ id: string; externalId: string }>(
    `INSERT INTO "Order" ("workspaceId", "customerId", "externalId", "placedAt", "total", "currency", "status")
     SELECT $1::uuid, r."customerId", r."externalId", r."placedAt", r."total", COALESCE(r."currency", 'USD'), COALESCE(r."status", 'paid')
       FROM jsonb_to_recordset($2::jsonb) AS r("customerId" uuid, "externalId" text, "placedAt" timestamptz, "total" numeric(14,2), "currency" text, "status" text)
     RETURNING "id"::text AS "id", "externalId"`,
    [workspaceId, JSON.stringify(payload)],
  );
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

// An empty currency or status keeps the stored one (a re-import without the column changes nothing).
async function updateOrders(tx: SqlDriver, workspaceId: string, orders: readonly (Resolved & { id: string })[]): Promise<void> {
  if (orders.length === 0) return;
  const payload = orders.map(({ order, customerId, id }) => ({ id, customerId, placedAt: order.placedAt, total: order.total, currency: order.currency, status: order.status }));
  await tx.query(
    `UPDATE "Order" AS o SET "customerId" = r."customerId", "placedAt" = r."placedAt", "total" = r."total",
            "currency" = COALESCE(r."currency", o."currency"), "status" = COALESCE(r."status", o."status")
       FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "customerId" uuid, "placedAt" timestamptz, "total" numeric(14,2), "currency" text, "status" text)
      WHERE o."workspaceId" = $1::uuid AND o."id" = r."id"`,
    [workspaceId, JSON.stringify(payload)],
  );
}

async function replaceItems(tx: SqlDriver, workspaceId: string, orders: readonly { id: string; order: OrderDraft }[], replacedIds: readonly string[]): Promise<void> {
  if (replacedIds.length > 0) {
    await tx.query(`DELETE FROM "OrderItem" WHERE "workspaceId" = $1::uuid AND "orderId" = ANY($2::uuid[])`, [workspaceId, replacedIds]);
  }
  const items = orders.flatMap(({ id, order }) => order.items.map((item) => ({ orderId: id, ...item })));
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO "OrderItem" ("workspaceId", "orderId", "sku", "name", "category", "quantity", "unitPrice")
     SELECT $1::uuid, r."orderId", r."sku", r."name", r."category", r."quantity", r."unitPrice"
       FROM jsonb_to_recordset($2::jsonb) AS r("orderId" uuid, "sku" text, "name" text, "category" text, "quantity" integer, "unitPrice" numeric(14,2))`,
    [workspaceId, JSON.stringify(items)],
  );
}

/**
 * Writes merged orders: each linked to its customer (a missing customer fails the order's rows),
 * created, or — when its id exists — updated (its items replaced when item columns are mapped) or
 * skipped; then the derived stats of every customer concerned are refreshed in the same transaction.
 */
export async function writeOrders(tx: SqlDriver, workspaceId: string, plan: ImportPlan, orders: readonly OrderDraft[]): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { created: 0, updated: 0, skipped: 0, errors: [] };
  const customerOf = await resolveCustomers(tx, workspaceId, orders.map((o) => o.customer));
  const resolved: Resolved[] = [];
  for (const order of orders) {
    const customerId = customerOf(order.customer);
    if (customerId) resolved.push({ order, customerId });
    else outcome.errors.push(...order.rowNumbers.map((n) => missingCustomer(plan, order.customer, n)));
  }
  const existing = await tx.query<{ id: string; externalId: string; customerId: string }>(
    `SELECT "id"::text AS "id", "externalId", "customerId"::text AS "customerId" FROM "Order"
      WHERE "workspaceId" = $1::uuid AND "externalId" = ANY($2::text[])`,
    [workspaceId, resolved.map((r) => r.order.key)],
  );
  const existingByKey = new Map(existing.map((e) => [e.externalId, e]));
  const creates = resolved.filter((r) => !existingByKey.has(r.order.key));
  const matched = resolved.filter((r) => existingByKey.has(r.order.key));
  const rowsOf = (list: readonly Resolved[]) => list.reduce((n, r) => n + r.order.rowNumbers.length, 0);
  const updates = plan.onExisting === "update" ? matched.map((r) => ({ ...r, id: existingByKey.get(r.order.key)!.id })) : [];
  if (plan.onExisting === "skip") outcome.skipped += rowsOf(matched);

  const createdIds = await insertOrders(tx, workspaceId, creates);
  await updateOrders(tx, workspaceId, updates);
  const itemsMapped = plan.columns.some((c) => c.target.key.startsWith("item"));
  if (itemsMapped) {
    const written = [...creates.map((r) => ({ id: createdIds.get(r.order.key)!, order: r.order })), ...updates];
    await replaceItems(tx, workspaceId, written, updates.map((u) => u.id));
  }
  outcome.created += rowsOf(creates);
  outcome.updated += rowsOf(updates);
  const touched = [...creates, ...updates].map((r) => r.customerId);
  const previous = updates.map((u) => existingByKey.get(u.order.key)!.customerId);
  await refreshDerivedStats(tx, workspaceId, [...touched, ...previous]);
  return outcome;
}
