import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { deleteCustomer as eraseCustomer } from "@/lib/customers/mutations";
import { customerSelect, getCustomer as readCustomer, toCustomerRecord } from "@/lib/customers/queries";
import { buildCustomerInputSchema } from "@/lib/customers/schemas";
import { getCatalog } from "@/lib/fields/queries";
import { Prisma } from "@/lib/generated/prisma/client";
import { segmentFilterSql } from "@/lib/customers/list-segment";
import { COUNT_TIMEOUT_MS, runCounting } from "@/lib/segments/count-run";
import { BODY_LIMITS } from "../body";
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchema } from "../cursor";
import { defineOperation, type ApiContext } from "../operation";
import { ApiProblem, notFoundProblem, validationProblem } from "../problem";
import type { Db } from "@/lib/db/client";
import { batchBodySchema, batchResultSchema, batchTransaction, failedParse, invalidRecord, summarize, type RecordResult } from "./batch";
import { refreshWriteStatistics } from "./batch-statistics";
import { customerInputSchema, customerSchema, toCustomerJson } from "./customer-schemas";
import { parseCustomerRecord } from "./customer-parse";
import { upsertCustomers, type CustomerUpsert } from "./customer-writes";

const TAG = "Customers";
const idParams = z.object({ id: z.uuid().meta({ description: "The customer's id." }) });

const listQuery = pageQuerySchema.extend({
  segment: z.string().max(100).optional().meta({ description: "Only members of this saved segment (its stored members, or evaluated now while they are being updated)." }),
  updated_since: z.iso
    .datetime({ offset: true, error: "updated_since is an ISO 8601 time with a zone, e.g. 2026-12-01T00:00:00Z" })
    .optional()
    .meta({ description: "Only customers changed at or after this time; the list is then ordered by (updatedAt, id).", example: "2026-12-01T00:00:00Z" }),
  email: z.string().max(500).optional().meta({ description: "The customer with this email (0 or 1 item).", example: "ada@example.com" }),
  externalId: z.string().max(200).optional().meta({ description: "The customer with this external id (0 or 1 item).", example: "A-17" }),
});

const UUID = z.uuid();

/** The page's ids in order, and the sort key of the last one. */
async function pageIds(ctx: ApiContext, db: Db, query: z.output<typeof listQuery>): Promise<{ ids: string[]; next: (string | number | null)[] | null }> {
  const byUpdate = query.updated_since !== undefined;
  const scope = `${ctx.workspaceId}:customers${byUpdate ? ":updated" : ""}`;
  const after = query.cursor ? decodeCursor(scope, query.cursor) : null;
  const conditions: Prisma.Sql[] = [Prisma.sql`c."workspaceId" = ${ctx.workspaceId}::uuid`];
  if (query.email !== undefined) conditions.push(Prisma.sql`c."email" = ${query.email.trim().toLowerCase()}`);
  if (query.externalId !== undefined) conditions.push(Prisma.sql`c."externalId" = ${query.externalId.trim()}`);
  if (byUpdate) conditions.push(Prisma.sql`c."updatedAt" >= ${new Date(query.updated_since!).toISOString()}::timestamptz`);
  let afterId: string | null = null;
  if (after) {
    const [first, second] = after;
    if (byUpdate && typeof first === "string" && typeof second === "string" && UUID.safeParse(second).success && !Number.isNaN(Date.parse(first))) {
      conditions.push(Prisma.sql`(c."updatedAt", c."id") > (${first}::timestamptz, ${second}::uuid)`);
    } else if (!byUpdate && typeof first === "string" && UUID.safeParse(first).success) {
      conditions.push(Prisma.sql`c."id" > ${first}::uuid`);
      afterId = first;
    } else throw new ApiProblem(400, "The cursor is not valid here.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
  }
  if (query.segment !== undefined) {
    if (!UUID.safeParse(query.segment).success) throw notFoundProblem("segment");
    conditions.push(await segmentFilterSql(ctx, { id: query.segment, exclude: false }, new Date(), { afterId }));
  }
  const order = byUpdate ? Prisma.sql`c."updatedAt", c."id"` : Prisma.sql`c."id"`;
  const statement = Prisma.sql`SELECT c."id"::text AS "id", c."updatedAt" FROM "Customer" AS c
    WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${order} LIMIT ${query.limit + 1}`;
  type Row = { id: string; updatedAt: Date | string };
  const rows = query.segment !== undefined
    ? await runCounting(COUNT_TIMEOUT_MS, (run) => run<Row>(statement))
    : await db.sql.query<Row>(statement.text, statement.values);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next = rows.length > query.limit && last ? (byUpdate ? [new Date(last.updatedAt).toISOString(), last.id] : [last.id]) : null;
  return { ids: page.map((r) => r.id), next };
}

/** The customers of these ids, in this order, as JSON. */
async function customersJson(ctx: ApiContext, db: Db, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.customer.findMany({ where: { workspaceId: ctx.workspaceId, id: { in: [...ids] } }, select: customerSelect });
  const byId = new Map(rows.map((r) => [r.id, toCustomerJson(toCustomerRecord(r))]));
  return ids.flatMap((id) => {
    const customer = byId.get(id);
    return customer ? [customer] : [];
  });
}

export const listCustomers = defineOperation({
  operationId: "listCustomers",
  method: "GET",
  path: "/customers",
  tag: TAG,
  summary: "List customers",
  description:
    "Cursor pages in a stable order: by id, or by (updatedAt, id) with `updated_since`. A walk sees every customer that existed for the whole walk exactly once (with `updated_since`, a customer changed during the walk comes again, later, with its new values). `email=` or `externalId=` answers the one customer with that identity (0 or 1 item). `segment=` keeps the members of a saved segment (its stored members, or evaluated now while they are being updated); an unknown segment is a 404.",
  access: "read",
  query: listQuery,
  responses: { 200: { description: "A page of customers.", schema: pageSchema(customerSchema) } },
  async handle(ctx, { query, db }) {
    const { ids, next } = await pageIds(ctx, db, query);
    const scope = `${ctx.workspaceId}:customers${query.updated_since !== undefined ? ":updated" : ""}`;
    return { body: { data: await customersJson(ctx, db, ids), nextCursor: next ? encodeCursor(scope, next) : null } };
  },
});

export const getCustomer = defineOperation({
  operationId: "getCustomer",
  method: "GET",
  path: "/customers/{id}",
  tag: TAG,
  summary: "Get a customer",
  description: "One customer by id. To find one by email or external id, list with `?email=` or `?externalId=`.",
  access: "read",
  params: idParams,
  resource: "customer",
  responses: { 200: { description: "The customer.", schema: customerSchema } },
  async handle(ctx, { params }) {
    const customer = await readCustomer(ctx, params.id);
    if (!customer) throw notFoundProblem("customer");
    return { body: toCustomerJson(customer) };
  },
});

export const deleteCustomer = defineOperation({
  operationId: "deleteCustomer",
  method: "DELETE",
  path: "/customers/{id}",
  tag: TAG,
  summary: "Erase a customer",
  description:
    "The profile's erasure (right to be forgotten): the customer with all their orders, order lines and events, for good. Any read-write key may erase; the audit log keeps the id, the key and how many rows went, nothing personal.",
  access: "write",
  params: idParams,
  resource: "customer",
  responses: { 204: { description: "Erased." } },
  async handle(ctx, { params }) {
    await eraseCustomer(ctx, params.id);
    return { status: 204 };
  },
});

const upsertResultSchema = z.object({
  status: z.enum(["created", "updated", "unchanged"]).meta({ description: "What the write did; unchanged when the customer already had these values." }),
  data: customerSchema,
});

/** The fields and custom keys a write gives (never their values: audit rows hold no personal data). */
function writtenKeys(record: CustomerUpsert): string[] {
  return [...Object.keys(record.write.columns), ...Object.keys(record.write.attributes).map((k) => `custom.${k}`)].sort();
}

export const upsertCustomer = defineOperation({
  operationId: "upsertCustomer",
  method: "POST",
  path: "/customers",
  tag: TAG,
  summary: "Create or update a customer",
  description:
    "Matched on `externalId` when given, else on `email` (as the CSV import matches): a new identity creates the customer (201), a known one updates the fields given (200; `unchanged` when they already hold). Values are validated as the customer form validates them. A change of `emailOptIn` is recorded with source \"api\". Another customer with the same email is a 409.",
  access: "write",
  body: customerInputSchema,
  responses: {
    200: { description: "Updated, or unchanged.", schema: upsertResultSchema },
    201: { description: "Created.", schema: upsertResultSchema },
  },
  errors: { 409: "Another customer of the workspace already has this email." },
  async handle(ctx, { body, db }) {
    const catalog = await getCatalog(ctx);
    const schema = buildCustomerInputSchema(catalog, { timeZone: ctx.timeZone, mode: "create" });
    const parsed = parseCustomerRecord(schema, body, "");
    if ("errors" in parsed) throw validationProblem(parsed.errors);
    const record: CustomerUpsert = { index: 0, base: "", write: parsed.write };
    const { results, changes } = await batchTransaction(db.sql, async (tx) => {
      const outcome = await upsertCustomers(tx, ctx.workspaceId, [record]);
      for (const change of outcome.changes) {
        await recordAudit(tx, ctx, { action: change.status === "created" ? "customer.create" : "customer.update", entityType: "customer", entityId: change.id, diff: { fields: writtenKeys(record) } });
        if (change.consent) await recordAudit(tx, ctx, { action: "customer.consent", entityType: "customer", entityId: change.id, diff: { emailOptIn: change.consent, source: "api" } });
      }
      return outcome;
    });
    const result = results[0];
    if (result.status === "failed") throw new ApiProblem(409, result.errors.map((e) => e.message).join(" "), { errors: result.errors });
    await refreshWriteStatistics(db.sql, ["Customer"], changes.length);
    const customer = await readCustomer(ctx, result.id);
    if (!customer) throw notFoundProblem("customer"); // erased between the write and the read
    return { status: result.status === "created" ? 201 : 200, body: { status: result.status, data: toCustomerJson(customer) } };
  },
});

export const upsertCustomersBatch = defineOperation({
  operationId: "upsertCustomersBatch",
  method: "POST",
  path: "/customers/batch",
  tag: TAG,
  summary: "Create or update customers in a batch",
  description:
    "Up to 1,000 customers (5 MB) in one request, each matched and validated as in POST /customers. One result per record, in order: created, updated, unchanged or failed with its errors (pointers into this body). One bad record never blocks the others; two records of one batch for the same customer fail the later one. The batch is written with a few set-based statements and one audit entry (counts).",
  access: "write",
  body: batchBodySchema(customerInputSchema),
  bodyLimit: BODY_LIMITS.batch,
  responses: { 200: { description: "One result per record.", schema: batchResultSchema } },
  async handle(ctx, { body, db }) {
    const catalog = await getCatalog(ctx);
    const schema = buildCustomerInputSchema(catalog, { timeZone: ctx.timeZone, mode: "create" });
    const results: RecordResult[] = [];
    const valid: CustomerUpsert[] = [];
    body.data.forEach((record, index) => {
      const base = `/data/${index}`;
      const bad = invalidRecord(record);
      if (bad) return void results.push(failedParse(index, ["data", index], bad));
      const parsed = parseCustomerRecord(schema, record, base);
      if ("errors" in parsed) results.push({ index, status: "failed", errors: parsed.errors });
      else valid.push({ index, base, write: parsed.write });
    });
    const outcome = await batchTransaction(db.sql, async (tx) => {
      const written = await upsertCustomers(tx, ctx.workspaceId, valid);
      if (written.changes.length > 0) {
        const counts = summarize([...results, ...written.results]);
        const consentChanges = written.changes.filter((c) => c.consent).length;
        await recordAudit(tx, ctx, { action: "customer.batch", entityType: "customer", diff: { ...counts, consentChanges } });
      }
      return written;
    });
    await refreshWriteStatistics(db.sql, ["Customer"], outcome.changes.length);
    const all = [...results, ...outcome.results].sort((a, b) => a.index - b.index);
    return { body: { data: all, summary: summarize(all) } };
  },
});

/** The customer operations (orders of a customer: ./orders). */
export const CUSTOMER_OPERATIONS = [listCustomers, getCustomer, deleteCustomer, upsertCustomer, upsertCustomersBatch];
