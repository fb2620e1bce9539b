import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { loadCatalogForWrite } from "@/lib/custom-fields/queries";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ConsentSource } from "./consent";
import { customerIdSchema } from "./queries";
import { EXTERNAL_ID_KEY, parseCustomerInput, type CustomerColumnValues, type CustomerWrite } from "./schemas";
import type { CustomersContext } from "./types";

type Tx = Prisma.TransactionClient;

const NOT_FOUND = "This customer doesn't exist in this workspace (they may have been deleted).";

/** The messages of duplicate identities, at the field. */
export const DUPLICATE_MESSAGES = {
  email: "Another customer in this workspace already has this email.",
  externalId: "Another customer in this workspace already has this external ID.",
} as const;

function assertCanWrite(ctx: CustomersContext): void {
  if (!can(ctx.role, "customers.write")) throw new AppError("forbidden", "You don't have permission to edit customers in this workspace.");
}

function notFound(): AppError {
  return new AppError("not_found", NOT_FOUND);
}

async function audit(tx: Tx, ctx: CustomersContext, action: string, customerId: string, diff: Prisma.InputJsonObject): Promise<void> {
  await recordAudit(tx, ctx, { action, entityType: "customer", entityId: customerId, diff });
}

// Which of email / externalId another customer of the workspace already has.
async function duplicateErrors(db: Tx, ctx: CustomersContext, identity: { email?: string | null; externalId?: string | null }, exceptId?: string): Promise<Record<string, string>> {
  const { email, externalId } = identity;
  if (!email && !externalId) return {};
  const rows = await db.customer.findMany({
    where: {
      workspaceId: ctx.workspaceId,
      OR: [...(email ? [{ email }] : []), ...(externalId ? [{ externalId }] : [])],
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { email: true, externalId: true },
    take: 2,
  });
  const errors: Record<string, string> = {};
  if (email && rows.some((r) => r.email === email)) errors.email = DUPLICATE_MESSAGES.email;
  if (externalId && rows.some((r) => r.externalId === externalId)) errors[EXTERNAL_ID_KEY] = DUPLICATE_MESSAGES.externalId;
  return errors;
}

function duplicateError(fieldErrors: Record<string, string>): AppError {
  const what = Object.keys(fieldErrors).map((k) => (k === "email" ? "email" : "external ID"));
  return new AppError("conflict", `Another customer in this workspace already has this ${what.join(" and ")}.`, fieldErrors);
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

type ColumnData = Omit<Partial<CustomerColumnValues>, "birthDate"> & { birthDate?: Date | null };

/** Prisma data for the given columns (birth date as a Date at UTC midnight, income as a decimal string). */
function columnData(columns: Partial<CustomerColumnValues>): ColumnData {
  const { birthDate, ...rest } = columns;
  return { ...rest, ...(birthDate !== undefined ? { birthDate: birthDate === null ? null : new Date(`${birthDate}T00:00:00Z`) } : {}) };
}

function setAttributes(write: CustomerWrite): Record<string, Prisma.InputJsonValue> {
  const out: Record<string, Prisma.InputJsonValue> = {};
  for (const [key, value] of Object.entries(write.attributes)) if (value !== null) out[key] = value;
  return out;
}

/** Where a form or API write comes from, for the record of consent changes. */
export interface CustomerWriteOptions {
  numberLocale?: string;
  /** "form" (default): a signed-in person in Segmenta; "api": the public API. */
  consentSource?: Extract<ConsentSource, "form" | "api">;
}

/**
 * The consent record of a write that changes emailOptIn from `from` to `to` (undefined: the write
 * does not change it, so the record stays as it is): when, how and by whom, plus its audit entry.
 */
async function recordConsentChange(tx: Tx, ctx: CustomersContext, customerId: string, from: boolean | null, to: boolean | null, source: ConsentSource): Promise<void> {
  await tx.customer.updateMany({
    where: { workspaceId: ctx.workspaceId, id: customerId },
    data: { emailOptInChangedAt: new Date(), emailOptInSource: source, emailOptInChangedById: ctx.userId, emailOptInImportJobId: null },
  });
  await audit(tx, ctx, "customer.consent", customerId, { emailOptIn: { from, to }, source });
}

/** The keys a write changes (never their values: audit rows hold no personal data). */
function changedKeys(write: CustomerWrite): string[] {
  return [...Object.keys(write.columns), ...Object.keys(write.attributes).map((k) => `custom.${k}`)].sort();
}

async function rethrowRace(e: unknown, ctx: CustomersContext, write: CustomerWrite, exceptId?: string): Promise<never> {
  if (isUniqueViolation(e)) {
    const { prisma } = await getDb();
    const errors = await duplicateErrors(prisma, ctx, write.columns, exceptId);
    throw duplicateError(Object.keys(errors).length > 0 ? errors : { email: DUPLICATE_MESSAGES.email });
  }
  throw e;
}

/**
 * Creates a customer from raw input (catalog keys and "externalId" → values, see buildCustomerInputSchema).
 * Bad values throw a ZodError with per-field messages; a duplicate email or external id an AppError at that field.
 */
export async function createCustomer(ctx: CustomersContext, input: unknown, options: CustomerWriteOptions = {}): Promise<{ id: string }> {
  assertCanWrite(ctx);
  const { prisma } = await getDb();
  let write: CustomerWrite | undefined;
  try {
    return await prisma.$transaction(async (tx) => {
      const catalog = await loadCatalogForWrite(tx, ctx.workspaceId);
      write = parseCustomerInput(catalog, input, { timeZone: ctx.timeZone, mode: "create", numberLocale: options.numberLocale });
      const duplicates = await duplicateErrors(tx, ctx, write.columns);
      if (Object.keys(duplicates).length > 0) throw duplicateError(duplicates);
      const { id } = await tx.customer.create({
        data: { ...columnData(write.columns), workspaceId: ctx.workspaceId, attributes: setAttributes(write) },
        select: { id: true },
      });
      await audit(tx, ctx, "customer.create", id, { fields: changedKeys(write) });
      const consent = write.columns.emailOptIn;
      if (consent !== undefined && consent !== null) await recordConsentChange(tx, ctx, id, null, consent, options.consentSource ?? "form");
      return { id };
    });
  } catch (e) {
    return write ? rethrowRace(e, ctx, write) : Promise.reject(e);
  }
}

/**
 * Updates the fields the input gives (others stay as they are; no fields changes nothing); custom values
 * given as empty are removed.
 * The customer must keep an email or an external id. Throws not_found for an id outside the workspace.
 */
export async function updateCustomer(ctx: CustomersContext, customerId: string, input: unknown, options: CustomerWriteOptions = {}): Promise<{ id: string }> {
  assertCanWrite(ctx);
  if (!customerIdSchema.safeParse(customerId).success) throw notFound();
  const { prisma } = await getDb();
  let write: CustomerWrite | undefined;
  try {
    return await prisma.$transaction(async (tx) => {
      const catalog = await loadCatalogForWrite(tx, ctx.workspaceId);
      write = parseCustomerInput(catalog, input, { timeZone: ctx.timeZone, mode: "update", numberLocale: options.numberLocale });
      const [current] = await tx.$queryRaw<{ email: string | null; externalId: string | null; emailOptIn: boolean | null }[]>(Prisma.sql`
        SELECT "email", "externalId", "emailOptIn" FROM "Customer" WHERE "workspaceId" = ${ctx.workspaceId}::uuid AND "id" = ${customerId}::uuid FOR UPDATE`);
      if (!current) throw notFound();
      const email = write.columns.email !== undefined ? write.columns.email : current.email;
      const externalId = write.columns.externalId !== undefined ? write.columns.externalId : current.externalId;
      if (!email && !externalId) {
        throw new z.ZodError([{ code: "custom", path: ["email"], message: "Enter an email or an external ID: a customer needs at least one.", input: null }]);
      }
      if (Object.keys(write.columns).length === 0 && Object.keys(write.attributes).length === 0) return { id: customerId };
      const duplicates = await duplicateErrors(tx, ctx, write.columns, customerId);
      if (Object.keys(duplicates).length > 0) throw duplicateError(duplicates);
      const removed = Object.keys(write.attributes).filter((k) => write!.attributes[k] === null);
      if (Object.keys(write.columns).length > 0) {
        await tx.customer.updateMany({ where: { workspaceId: ctx.workspaceId, id: customerId }, data: columnData(write.columns) });
      }
      await tx.$executeRaw(Prisma.sql`
        UPDATE "Customer" SET "attributes" = ("attributes" || ${JSON.stringify(setAttributes(write))}::jsonb) - ${removed}::text[], "updatedAt" = now()
         WHERE "workspaceId" = ${ctx.workspaceId}::uuid AND "id" = ${customerId}::uuid`);
      await audit(tx, ctx, "customer.update", customerId, { fields: changedKeys(write) });
      const consent = write.columns.emailOptIn;
      // A write that keeps the value keeps its record: "since" stays when consent was given.
      if (consent !== undefined && consent !== current.emailOptIn) {
        await recordConsentChange(tx, ctx, customerId, current.emailOptIn, consent, options.consentSource ?? "form");
      }
      return { id: customerId };
    });
  } catch (e) {
    return write ? rethrowRace(e, ctx, write, customerId) : Promise.reject(e);
  }
}

/**
 * Deletes a customer with all their orders, order items and events (right to erasure). The audit row
 * keeps the id and how many rows went, nothing personal.
 */
export async function deleteCustomer(ctx: CustomersContext, customerId: string): Promise<{ orders: number; events: number }> {
  assertCanWrite(ctx);
  if (!customerIdSchema.safeParse(customerId).success) throw notFound();
  const { prisma } = await getDb();
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT "id"::text AS "id" FROM "Customer" WHERE "workspaceId" = ${ctx.workspaceId}::uuid AND "id" = ${customerId}::uuid FOR UPDATE`);
    if (locked.length === 0) throw notFound();
    const items = await tx.$executeRaw(Prisma.sql`
      DELETE FROM "OrderItem" AS i USING "Order" AS o
       WHERE i."workspaceId" = ${ctx.workspaceId}::uuid AND o."workspaceId" = ${ctx.workspaceId}::uuid
         AND o."customerId" = ${customerId}::uuid AND i."orderId" = o."id"`);
    const orders = await tx.order.deleteMany({ where: { workspaceId: ctx.workspaceId, customerId } });
    const events = await tx.event.deleteMany({ where: { workspaceId: ctx.workspaceId, customerId } });
    const deleted = await tx.customer.deleteMany({ where: { workspaceId: ctx.workspaceId, id: customerId } });
    if (deleted.count !== 1) throw notFound();
    await audit(tx, ctx, "customer.delete", customerId, { orders: orders.count, orderItems: items, events: events.count });
    return { orders: orders.count, events: events.count };
  });
}
