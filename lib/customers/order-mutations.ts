import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { refreshDerivedStats } from "./derived-stats";
import { customerIdSchema } from "./queries";
import { buildOrderInputSchema, orderStatusSchema, type OrderInput, type OrderStatus } from "./schemas";
import type { CustomersContext } from "./types";

type Tx = Prisma.TransactionClient;

const orderIdSchema = z.uuid("Unknown order.");
const ORDER_NOT_FOUND = "This order doesn't exist in this workspace (it may have been deleted).";

function assertCanWrite(ctx: CustomersContext): void {
  if (!can(ctx.role, "customers.write")) throw new AppError("forbidden", "You don't have permission to edit customers in this workspace.");
}

async function audit(tx: Tx, ctx: CustomersContext, action: string, orderId: string, diff: Prisma.InputJsonObject): Promise<void> {
  await recordAudit(tx, ctx, { action, entityType: "order", entityId: orderId, diff });
}

// The order's customer, locked with the order so stats are refreshed for the right customer.
async function lockOrder(tx: Tx, ctx: CustomersContext, orderId: string): Promise<{ customerId: string; status: string }> {
  if (!orderIdSchema.safeParse(orderId).success) throw new AppError("not_found", ORDER_NOT_FOUND);
  const [row] = await tx.$queryRaw<{ customerId: string; status: string }[]>(Prisma.sql`
    SELECT "customerId"::text AS "customerId", "status" FROM "Order"
     WHERE "workspaceId" = ${ctx.workspaceId}::uuid AND "id" = ${orderId}::uuid FOR UPDATE`);
  if (!row) throw new AppError("not_found", ORDER_NOT_FOUND);
  return row;
}

/** Adds an order (with its lines) to a customer and refreshes their derived stats in the same transaction. */
export async function createOrder(ctx: CustomersContext, customerId: string, input: OrderInput): Promise<{ id: string }> {
  assertCanWrite(ctx);
  const order = buildOrderInputSchema({ timeZone: ctx.timeZone }).parse(input);
  if (!customerIdSchema.safeParse(customerId).success) throw new AppError("not_found", "This customer doesn't exist in this workspace.");
  const { prisma } = await getDb();
  try {
    return await prisma.$transaction(async (tx) => {
      const owner = await tx.customer.count({ where: { workspaceId: ctx.workspaceId, id: customerId } });
      if (!owner) throw new AppError("not_found", "This customer doesn't exist in this workspace.");
      const { id } = await tx.order.create({
        data: {
          workspaceId: ctx.workspaceId,
          customerId,
          externalId: order.externalId,
          placedAt: order.placedAt,
          total: order.total,
          currency: order.currency,
          status: order.status,
        },
        select: { id: true },
      });
      if (order.items.length > 0) {
        await tx.orderItem.createMany({ data: order.items.map((item) => ({ ...item, workspaceId: ctx.workspaceId, orderId: id })) });
      }
      await refreshDerivedStats(tx, ctx.workspaceId, [customerId]);
      await audit(tx, ctx, "order.create", id, { customerId, status: order.status, items: order.items.length });
      return { id };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("conflict", "Another order in this workspace already has this external ID.", { externalId: "Another order already has this external ID." });
    }
    throw e;
  }
}

/** Changes an order's status (e.g. a refund) and refreshes the customer's derived stats in the same transaction. */
export async function updateOrderStatus(ctx: CustomersContext, orderId: string, status: OrderStatus): Promise<{ customerId: string }> {
  assertCanWrite(ctx);
  const next = orderStatusSchema.parse(status);
  const { prisma } = await getDb();
  return prisma.$transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, orderId);
    if (order.status === next) return { customerId: order.customerId };
    await tx.order.updateMany({ where: { workspaceId: ctx.workspaceId, id: orderId }, data: { status: next } });
    await refreshDerivedStats(tx, ctx.workspaceId, [order.customerId]);
    await audit(tx, ctx, "order.status_change", orderId, { customerId: order.customerId, from: order.status, to: next });
    return { customerId: order.customerId };
  });
}

/** Deletes an order with its lines and refreshes the customer's derived stats in the same transaction. */
export async function deleteOrder(ctx: CustomersContext, orderId: string): Promise<{ customerId: string }> {
  assertCanWrite(ctx);
  const { prisma } = await getDb();
  return prisma.$transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, orderId);
    await tx.orderItem.deleteMany({ where: { workspaceId: ctx.workspaceId, orderId } });
    await tx.order.deleteMany({ where: { workspaceId: ctx.workspaceId, id: orderId } });
    await refreshDerivedStats(tx, ctx.workspaceId, [order.customerId]);
    await audit(tx, ctx, "order.delete", orderId, { customerId: order.customerId });
    return { customerId: order.customerId };
  });
}
