import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ConsentProvenance } from "./consent";
import type { CustomerPredictionValues } from "@/lib/fields/catalog";
import type { CustomerProfile, CustomerRecord, CustomersContext, EventPage, EventRecord, OrderRecord } from "./types";

/** Most orders the profile lists (newest first); the JSON download has all of them. */
export const PROFILE_ORDER_LIMIT = 100;
/** Events per page of the profile's timeline. */
export const EVENTS_PAGE_SIZE = 20;

export const customerIdSchema = z.uuid("Unknown customer.");

/** What a customer read selects: every stored column. */
export const customerSelect = {
  id: true, externalId: true, email: true, firstName: true, lastName: true, phone: true, birthDate: true, gender: true,
  country: true, city: true, region: true, language: true, company: true, jobTitle: true, industry: true, companySize: true,
  income: true, maritalStatus: true, education: true, lifecycleStage: true, tags: true, emailOptIn: true, source: true,
  signedUpAt: true, lastSeenAt: true, attributes: true, ordersCount: true, totalSpent: true, averageOrderValue: true,
  firstOrderAt: true, lastOrderAt: true, createdAt: true, updatedAt: true,
  emailOptInChangedAt: true, emailOptInSource: true, emailOptInChangedById: true, emailOptInImportJobId: true,
} as const satisfies Prisma.CustomerSelect;

export const orderSelect = {
  id: true, externalId: true, placedAt: true, total: true, currency: true, status: true, createdAt: true,
  items: { select: { id: true, sku: true, name: true, category: true, quantity: true, unitPrice: true }, orderBy: [{ name: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.OrderSelect;

const predictionSelect = {
  probabilityAlive: true, purchases30: true, purchases90: true, purchases365: true, averageOrderValue: true, value12m: true, churnRisk: true,
} as const satisfies Prisma.CustomerPredictionSelect;

const eventSelect = { id: true, name: true, occurredAt: true, properties: true } as const satisfies Prisma.EventSelect;

const jsonObject = z.record(z.string(), z.unknown()).catch({});

function money(d: Prisma.Decimal): string;
function money(d: Prisma.Decimal | null): string | null;
function money(d: Prisma.Decimal | null): string | null {
  return d === null ? null : d.toFixed(2);
}

/** A selected customer as a plain record. */
export function toCustomerRecord(row: Prisma.CustomerGetPayload<{ select: typeof customerSelect }>): CustomerRecord {
  return {
    ...row,
    birthDate: row.birthDate ? row.birthDate.toISOString().slice(0, 10) : null,
    income: money(row.income),
    totalSpent: money(row.totalSpent),
    averageOrderValue: money(row.averageOrderValue),
    attributes: jsonObject.parse(row.attributes),
  };
}

/** A selected order as a plain record. */
export function toOrderRecord(row: Prisma.OrderGetPayload<{ select: typeof orderSelect }>): OrderRecord {
  return { ...row, total: money(row.total), items: row.items.map((item) => ({ ...item, unitPrice: money(item.unitPrice) })) };
}

function toEventRecord(row: Prisma.EventGetPayload<{ select: typeof eventSelect }>): EventRecord {
  return { ...row, properties: jsonObject.parse(row.properties) };
}

/** One customer of the workspace, or null when the workspace has no customer with this id. */
export async function getCustomer(ctx: CustomersContext, customerId: string): Promise<CustomerRecord | null> {
  if (!customerIdSchema.safeParse(customerId).success) return null;
  const { prisma } = await getDb();
  const row = await prisma.customer.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: customerId } }, select: customerSelect });
  return row ? toCustomerRecord(row) : null;
}

/** The profile of one customer: the record, the latest orders with their items, and counts; null when not in the workspace. */
export async function getCustomerProfile(ctx: CustomersContext, customerId: string): Promise<CustomerProfile | null> {
  const customer = await getCustomer(ctx, customerId);
  if (!customer) return null;
  const { prisma } = await getDb();
  const where = { workspaceId: ctx.workspaceId, customerId };
  const [orders, ordersTotal, eventsTotal, prediction] = await Promise.all([
    prisma.order.findMany({ where, select: orderSelect, orderBy: [{ placedAt: "desc" }, { id: "desc" }], take: PROFILE_ORDER_LIMIT }),
    prisma.order.count({ where }),
    prisma.event.count({ where }),
    getStoredPrediction(ctx, customerId),
  ]);
  return { customer: { ...customer, prediction }, orders: orders.map(toOrderRecord), ordersTotal, eventsTotal };
}

/** A customer's stored prediction (the profile's card, the right-of-access export); null: no paid order, or never computed. */
export async function getStoredPrediction(ctx: CustomersContext, customerId: string): Promise<CustomerPredictionValues | null> {
  const { prisma } = await getDb();
  const prediction = await prisma.customerPrediction.findUnique({ where: { workspaceId_customerId: { workspaceId: ctx.workspaceId, customerId } }, select: predictionSelect });
  return prediction ? { ...prediction, averageOrderValue: prediction.averageOrderValue.toFixed(2), value12m: prediction.value12m.toFixed(2) } : null;
}

const pageSchema = z.coerce.number().int().min(1).catch(1);

/** One page (from 1) of the customer's events, newest first; an empty page when the customer is not in the workspace. */
export async function listCustomerEvents(ctx: CustomersContext, customerId: string, options: { page?: unknown; pageSize?: number } = {}): Promise<EventPage> {
  const pageSize = Math.min(Math.max(options.pageSize ?? EVENTS_PAGE_SIZE, 1), 100);
  const requested = pageSchema.parse(options.page ?? 1);
  const empty: EventPage = { events: [], page: 1, pageSize, total: 0, pageCount: 1 };
  if (!customerIdSchema.safeParse(customerId).success) return empty;
  const { prisma } = await getDb();
  const where = { workspaceId: ctx.workspaceId, customerId };
  const total = await prisma.event.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  const rows = await prisma.event.findMany({
    where,
    select: eventSelect,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  return { events: rows.map(toEventRecord), page, pageSize, total, pageCount };
}

/** What a customer's consent record refers to, by name: the person who changed it and the import's file. */
export async function getConsentProvenance(ctx: CustomersContext, customer: CustomerRecord): Promise<ConsentProvenance> {
  const { prisma } = await getDb();
  const { emailOptInChangedById: userId, emailOptInImportJobId: jobId } = customer;
  const [user, job] = await Promise.all([
    userId ? prisma.user.findUnique({ where: { id: userId }, select: { name: true } }) : null,
    jobId ? prisma.importJob.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: jobId } }, select: { fileName: true } }) : null,
  ]);
  return {
    changedAt: customer.emailOptInChangedAt,
    source: customer.emailOptInSource,
    person: userId ? (user ? { name: user.name } : "former") : null,
    importFileName: job?.fileName ?? null,
  };
}
