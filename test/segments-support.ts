/** Shared fixtures of the segment engine tests: customers with orders and events, inserted in one go. */
import crypto from "node:crypto";
import { expect } from "vitest";
import type { SqlDriver } from "@/lib/db/client";
import type { CustomFieldInput, FieldCatalog } from "@/lib/fields/catalog";
import { buildCatalog } from "@/lib/fields/catalog";
import { compileWhere, type CompileOptions } from "@/lib/segments/compile";
import { divideDecimal, sumDecimals } from "@/lib/segments/decimal";
import { createEvaluator } from "@/lib/segments/evaluate";
import { loadCustomerRecords } from "@/lib/segments/queries";
import type { CustomerRecord, CustomerRow, EventRecord, OrderRecord } from "@/lib/segments/record";

/** Custom fields of every type (and an archived one) used across the tests. */
export const TEST_CUSTOM_FIELDS: CustomFieldInput[] = [
  { key: "note", label: "Note", type: "text" },
  { key: "score", label: "Score", type: "number" },
  { key: "renewal", label: "Renewal", type: "date" },
  { key: "vip", label: "VIP", type: "boolean" },
  { key: "plan", label: "Plan", type: "select", options: [{ key: "free", label: "Free" }, { key: "pro", label: "Pro" }, { key: "Team", label: "Team" }] },
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "coffee", label: "Coffee" }, { key: "tea", label: "Tea" }, { key: "books", label: "Books" }, { key: "Café", label: "Café" }] },
  { key: "legacy", label: "Legacy", type: "text", archived: true },
];

export const TEST_CATALOG: FieldCatalog = buildCatalog(TEST_CUSTOM_FIELDS);

type CustomerInput = Partial<Omit<CustomerRow, "ordersCount" | "totalSpent" | "averageOrderValue" | "firstOrderAt" | "lastOrderAt">> & {
  orders?: (Partial<Omit<OrderRecord, "placedAt">> & { placedAt: Date })[];
  events?: (Partial<Omit<EventRecord, "occurredAt">> & { occurredAt: Date })[];
};

/** A customer record with defaults; derived order stats are computed from the paid orders. */
export function customer(input: CustomerInput = {}): CustomerRecord {
  const { orders: orderInputs = [], events: eventInputs = [], ...row } = input;
  const orders: OrderRecord[] = orderInputs.map((o) => ({ id: crypto.randomUUID(), total: "10.00", status: "paid", items: [], ...o }));
  const events: EventRecord[] = eventInputs.map((e) => ({ name: "page_view", properties: {}, ...e }));
  const paid = orders.filter((o) => o.status === "paid").sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  const totalSpent = sumDecimals(paid.map((o) => o.total));
  const customerRow: CustomerRow = {
    id: crypto.randomUUID(), email: null, firstName: null, lastName: null, phone: null, birthDate: null, gender: null,
    country: null, city: null, region: null, language: null, company: null, jobTitle: null, industry: null,
    companySize: null, income: null, maritalStatus: null, education: null, lifecycleStage: null, tags: [],
    emailOptIn: false, source: null, signedUpAt: null, lastSeenAt: null, createdAt: new Date("2024-01-01T00:00:00Z"),
    attributes: {},
    ...row,
    ordersCount: paid.length,
    totalSpent,
    averageOrderValue: paid.length > 0 ? divideDecimal(totalSpent, paid.length) : null,
    firstOrderAt: paid[0]?.placedAt ?? null,
    lastOrderAt: paid.at(-1)?.placedAt ?? null,
  };
  return { customer: customerRow, orders, events };
}

/** Creates a workspace and returns its id. */
export async function createWorkspace(sql: SqlDriver, timeZone = "UTC"): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(`INSERT INTO "Workspace" ("id", "slug", "name", "timeZone") VALUES ($1, $2, $3, $4)`, [id, `ws-${id}`, "Test", timeZone]);
  return id;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Inserts customers with their orders, items, events and stored predictions into a workspace. */
export async function insertCustomers(sql: SqlDriver, workspaceId: string, records: readonly CustomerRecord[]): Promise<void> {
  const customers = records.map(({ customer: c }) => ({
    ...c, externalId: `x-${c.id}`, signedUpAt: iso(c.signedUpAt), lastSeenAt: iso(c.lastSeenAt), createdAt: iso(c.createdAt),
    firstOrderAt: iso(c.firstOrderAt), lastOrderAt: iso(c.lastOrderAt), income: c.income === null ? null : String(c.income),
    totalSpent: String(c.totalSpent), averageOrderValue: c.averageOrderValue === null ? null : String(c.averageOrderValue),
  }));
  await sql.query(
    `INSERT INTO "Customer" ("workspaceId", "id", "externalId", "email", "firstName", "lastName", "phone", "birthDate", "gender",
       "country", "city", "region", "language", "company", "jobTitle", "industry", "companySize", "income", "maritalStatus",
       "education", "lifecycleStage", "tags", "emailOptIn", "source", "signedUpAt", "lastSeenAt", "attributes", "ordersCount",
       "totalSpent", "averageOrderValue", "firstOrderAt", "lastOrderAt", "createdAt")
     SELECT $1::uuid, r.* FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "externalId" text, "email" text, "firstName" text,
       "lastName" text, "phone" text, "birthDate" date, "gender" text, "country" text, "city" text, "region" text, "language" text,
       "company" text, "jobTitle" text, "industry" text, "companySize" int, "income" numeric, "maritalStatus" text,
       "education" text, "lifecycleStage" text, "tags" text[], "emailOptIn" boolean, "source" text, "signedUpAt" timestamptz,
       "lastSeenAt" timestamptz, "attributes" jsonb, "ordersCount" int, "totalSpent" numeric, "averageOrderValue" numeric,
       "firstOrderAt" timestamptz, "lastOrderAt" timestamptz, "createdAt" timestamptz)`,
    [workspaceId, JSON.stringify(customers)],
  );
  const predictions = records.flatMap(({ customer: c }) => (c.prediction ? [{ customerId: c.id, ...c.prediction }] : []));
  await sql.query(
    `INSERT INTO "CustomerPrediction" ("workspaceId", "customerId", "repeatPurchases", "firstPurchaseDate", "lastPurchaseDate", "probabilityAlive",
       "purchases30", "purchases90", "purchases365", "averageOrderValue", "value12m", "churnRisk")
     SELECT $1::uuid, r."customerId", 0, DATE '2024-01-01', DATE '2024-01-01', r."probabilityAlive", r."purchases30", r."purchases90", r."purchases365",
            r."averageOrderValue", r."value12m", r."churnRisk"
     FROM jsonb_to_recordset($2::jsonb) AS r("customerId" uuid, "probabilityAlive" float8, "purchases30" float8, "purchases90" float8,
       "purchases365" float8, "averageOrderValue" numeric, "value12m" numeric, "churnRisk" text)`,
    [workspaceId, JSON.stringify(predictions)],
  );
  const orders = records.flatMap(({ customer: c, orders: os }) =>
    os.map((o) => ({ id: o.id, customerId: c.id, placedAt: o.placedAt.toISOString(), total: String(o.total), status: o.status })),
  );
  await sql.query(
    `INSERT INTO "Order" ("workspaceId", "id", "customerId", "placedAt", "total", "status")
     SELECT $1::uuid, r.* FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "customerId" uuid, "placedAt" timestamptz, "total" numeric, "status" text)`,
    [workspaceId, JSON.stringify(orders)],
  );
  const items = records.flatMap(({ orders: os }) =>
    os.flatMap((o) => o.items.map((i, n) => ({ orderId: o.id, name: `item ${n}`, category: i.category, quantity: i.quantity, unitPrice: String(i.unitPrice) }))),
  );
  await sql.query(
    `INSERT INTO "OrderItem" ("workspaceId", "orderId", "name", "category", "quantity", "unitPrice")
     SELECT $1::uuid, r.* FROM jsonb_to_recordset($2::jsonb) AS r("orderId" uuid, "name" text, "category" text, "quantity" int, "unitPrice" numeric)`,
    [workspaceId, JSON.stringify(items)],
  );
  const events = records.flatMap(({ customer: c, events: es }) =>
    es.map((e) => ({ customerId: c.id, name: e.name, occurredAt: e.occurredAt.toISOString(), properties: e.properties })),
  );
  await sql.query(
    `INSERT INTO "Event" ("workspaceId", "customerId", "name", "occurredAt", "properties")
     SELECT $1::uuid, r.* FROM jsonb_to_recordset($2::jsonb) AS r("customerId" uuid, "name" text, "occurredAt" timestamptz, "properties" jsonb)`,
    [workspaceId, JSON.stringify(events)],
  );
}

/** Member ids by the SQL compiler, sorted. */
export async function sqlMembers(sql: SqlDriver, definition: unknown, catalog: FieldCatalog, options: CompileOptions): Promise<string[]> {
  const where = compileWhere(definition, catalog, options);
  const rows = await sql.query<{ id: string }>(`SELECT c."id" FROM "Customer" c WHERE ${where.text} ORDER BY c."id"`, where.values);
  return rows.map((r) => r.id);
}

/** Member ids by the evaluator, sorted. */
export function evaluatorMembers(definition: unknown, catalog: FieldCatalog, records: Iterable<CustomerRecord>, options: Omit<CompileOptions, "workspaceId">): string[] {
  const test = createEvaluator(definition, catalog, options);
  return [...records].filter((r) => test(r)).map((r) => r.customer.id).sort();
}

/** A fixture in its own workspace: check(definition, names) compares both engines with the expected members. */
export interface Scenario {
  workspaceId: string;
  ids: Record<string, string>;
  check(definition: unknown, expected: string[]): Promise<void>;
}

/** Inserts named customers into a new workspace; checks run the compiler and the evaluator (on the loaded rows). */
export async function scenario(
  sql: SqlDriver,
  people: Record<string, CustomerRecord>,
  options: Omit<CompileOptions, "workspaceId">,
  catalog: FieldCatalog = TEST_CATALOG,
): Promise<Scenario> {
  const workspaceId = await createWorkspace(sql, options.timeZone);
  await insertCustomers(sql, workspaceId, Object.values(people));
  const names = new Map(Object.entries(people).map(([name, r]) => [r.customer.id, name]));
  const loaded = await loadCustomerRecords({ workspaceId }, [...names.keys()]);
  const full = { ...options, workspaceId };
  const named = (ids: string[]) => ids.map((id) => names.get(id) ?? id).sort();
  return {
    workspaceId,
    ids: Object.fromEntries(Object.entries(people).map(([name, r]) => [name, r.customer.id])),
    async check(definition, expected) {
      const label = JSON.stringify(definition);
      const want = [...expected].sort();
      expect(named(await sqlMembers(sql, definition, catalog, full)), `SQL: ${label}`).toEqual(want);
      expect(named(evaluatorMembers(definition, catalog, loaded.values(), options)), `evaluator: ${label}`).toEqual(want);
      // Two-valued: NOT of the whole definition is exactly the complement, in SQL too.
      const root = (definition as { root: unknown }).root;
      const negated = { version: 1, root: { type: "group", combinator: "and", negate: true, children: [root] } };
      const rest = [...names.values()].filter((n) => !want.includes(n)).sort();
      expect(named(await sqlMembers(sql, negated, catalog, full)), `SQL, negated: ${label}`).toEqual(rest);
    },
  };
}

/** A definition of one condition (or several, and-ed). */
export function only(...children: unknown[]): unknown {
  return { version: 1, root: { type: "group", combinator: "and", children } };
}

/** A field condition node. */
export function where(field: string, operator: string, value?: unknown): unknown {
  return { type: "field", field, operator, ...(value === undefined ? {} : { value }) };
}
