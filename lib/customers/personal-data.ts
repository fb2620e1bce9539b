import "server-only";
import { getDb } from "@/lib/db/client";
import { customerIdSchema, customerSelect, getStoredPrediction, orderSelect, toCustomerRecord, toOrderRecord } from "./queries";
import type { CustomerDataExport, CustomersContext } from "./types";

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/**
 * Everything stored about one customer (right of access): the full record with custom fields, every
 * order with its items, every event, and the predictions made about them (profiling is personal
 * data too). Null when the workspace has no customer with this id.
 */
export async function exportCustomerData(ctx: CustomersContext, customerId: string): Promise<CustomerDataExport | null> {
  if (!customerIdSchema.safeParse(customerId).success) return null;
  const { prisma } = await getDb();
  const row = await prisma.customer.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: customerId } }, select: customerSelect });
  if (!row) return null;
  const where = { workspaceId: ctx.workspaceId, customerId };
  const [orders, events, prediction] = await Promise.all([
    prisma.order.findMany({ where, select: orderSelect, orderBy: [{ placedAt: "asc" }, { id: "asc" }] }),
    prisma.event.findMany({ where, select: { id: true, name: true, occurredAt: true, properties: true }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
    getStoredPrediction(ctx, customerId),
  ]);
  const c = toCustomerRecord(row);
  return {
    exportedAt: new Date().toISOString(),
    workspace: { id: ctx.workspaceId },
    customer: {
      ...c,
      signedUpAt: iso(c.signedUpAt),
      lastSeenAt: iso(c.lastSeenAt),
      firstOrderAt: iso(c.firstOrderAt),
      lastOrderAt: iso(c.lastOrderAt),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      emailOptInChangedAt: iso(c.emailOptInChangedAt),
    },
    orders: orders.map(toOrderRecord).map((o) => ({ ...o, placedAt: o.placedAt.toISOString(), createdAt: o.createdAt.toISOString() })),
    events: events.map((e) => ({ id: e.id, name: e.name, occurredAt: e.occurredAt.toISOString(), properties: e.properties })),
    prediction,
  };
}
