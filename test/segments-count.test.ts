/** Counting for the builder (count, funnel, sample), members and explain, checked against hand-written SQL; workspace scoping. */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countFunnel, countSegment, sampleMembers } from "@/lib/segments/count";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { explainMember, findCustomerId, forEachMemberBatch } from "@/lib/segments/members";
import { setupTestDb, teardownTestDb } from "./support/db";
import { TEST_CUSTOM_FIELDS, createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
const now = new Date("2024-03-15T12:00:00Z");
const at = (s: string) => new Date(s);
const item = (category: string, quantity = 1, unitPrice = "10.00") => ({ category, quantity, unitPrice });
const last = (amount: number) => ({ type: "last", amount, unit: "day" });

let A: { workspaceId: string; timeZone: string };
let B: { workspaceId: string; timeZone: string };
const ids: Record<string, string> = {};

async function insertFields(workspaceId: string): Promise<void> {
  for (const [position, f] of TEST_CUSTOM_FIELDS.entries()) {
    await db.sql.query(
      `INSERT INTO "CustomField" ("workspaceId", "key", "label", "type", "options", "archived", "position") VALUES ($1, $2, $3, $4::"CustomFieldType", $5::jsonb, $6, $7)`,
      [workspaceId, f.key, f.label, f.type, JSON.stringify(f.options ?? []), f.archived ?? false, position],
    );
  }
}

async function saveSegment(workspaceId: string, definition: unknown): Promise<string> {
  const id = crypto.randomUUID();
  await db.sql.query(`INSERT INTO "Segment" ("workspaceId", "id", "name", "definition") VALUES ($1, $2, $3, $4::jsonb)`, [workspaceId, id, `s-${id}`, JSON.stringify(definition)]);
  return id;
}

/** A hand-written count over workspace A's customers. */
async function hand(predicate: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" c WHERE c."workspaceId" = $1 AND (${predicate})`, [A.workspaceId, ...params]);
  return row.n;
}

const PAID_ORDER_IN = `EXISTS (SELECT 1 FROM "Order" o WHERE o."workspaceId" = c."workspaceId" AND o."customerId" = c.id AND o.status = 'paid' AND o."placedAt" >= $2 AND o."placedAt" <= $3`;
const since = (days: number) => [new Date(Date.UTC(2024, 2, 15 - days)).toISOString(), now.toISOString()];

beforeAll(async () => {
  db = await setupTestDb();
  A = { workspaceId: await createWorkspace(db.sql), timeZone: "UTC" };
  B = { workspaceId: await createWorkspace(db.sql), timeZone: "UTC" };
  await insertFields(A.workspaceId);
  await insertFields(B.workspaceId);
  const inputs = {
    ana: ({ email: "ana@a.test", firstName: "Ana", lastName: "Nowak", country: "PL", gender: "female", emailOptIn: true, attributes: { plan: "pro", interests: ["coffee"] },
      orders: [{ placedAt: at("2024-03-01T10:00:00Z"), items: [item("books")] }, { placedAt: at("2024-03-10T10:00:00Z"), items: [item("books", 2)] }],
      events: [{ name: "cart_abandoned", occurredAt: at("2024-03-12T08:00:00Z") }] }),
    ben: ({ email: "ben@a.test", firstName: "Ben", country: "DE", gender: "male", attributes: { plan: "free" },
      orders: [{ placedAt: at("2023-12-01T10:00:00Z"), items: [item("toys")] }], events: [{ name: "page_view", occurredAt: at("2024-03-14T08:00:00Z") }] }),
    cat: ({ email: "cat@a.test", country: "PL", gender: "female", emailOptIn: true }),
    dan: ({ email: "dan@a.test", country: "US", gender: "male", emailOptIn: true,
      orders: [1, 2, 3].map((d) => ({ placedAt: at(`2024-03-0${d}T10:00:00Z`), items: [item("toys")] })),
      events: [{ name: "cart_abandoned", occurredAt: at("2024-02-01T08:00:00Z") }] }),
    eve: ({ email: "eve@a.test", lastName: "Ek", country: "PL", gender: "female", emailOptIn: true, attributes: { plan: "pro" },
      orders: [{ placedAt: at("2024-03-14T10:00:00Z"), items: [item("books")] }] }),
    fay: ({ email: null }),
    gus: ({ email: "gus@a.test", country: "DE", emailOptIn: true, orders: [{ placedAt: at("2024-03-05T10:00:00Z"), status: "refunded", items: [item("books")] }] }),
  };
  const people = Object.entries(inputs).map(([name, input]) => [name, customer(input)] as const);
  await insertCustomers(db.sql, A.workspaceId, people.map(([, r]) => r));
  for (const [name, r] of people) ids[name] = r.customer.id;
  // Workspace B: the same people (new ids), matching every definition below, and saved segments of its own.
  const twins = Object.values(inputs).map((input) => customer(input));
  await insertCustomers(db.sql, B.workspaceId, twins);
  ids.bTwin = twins[0].customer.id;
});
afterAll(teardownTestDb);

describe("countSegment", () => {
  test("matches hand-written SQL, and never counts another workspace's customers", async () => {
    expect(await countSegment(A, only(where("country", "in", ["PL", "DE"])), { now })).toBe(await hand(`lower(c.country) IN ('pl', 'de')`));
    expect(await countSegment(A, only(where("country", "in", ["PL", "DE"])), { now })).toBe(5);
    const books30 = only({ type: "orders", measure: "count", operator: "gte", value: 1, window: last(30), filter: { categories: ["books"] } });
    expect(await countSegment(A, books30, { now })).toBe(
      await hand(`${PAID_ORDER_IN} AND EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."workspaceId" = o."workspaceId" AND i."orderId" = o.id AND i.category = 'books'))`, since(30)),
    );
    expect(await countSegment(A, books30, { now })).toBe(2);
    const notAbandoned = only(where("emailOptIn", "is_true"), { type: "event", name: "cart_abandoned", operator: "eq", value: 0, window: last(7) });
    expect(await countSegment(A, notAbandoned, { now })).toBe(
      await hand(`c."emailOptIn" AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."workspaceId" = c."workspaceId" AND e."customerId" = c.id AND e.name = 'cart_abandoned' AND e."occurredAt" >= $2 AND e."occurredAt" <= $3)`, since(7)),
    );
    const nested = only({ type: "group", combinator: "or", negate: true, children: [where("gender", "eq", "male"), where("custom.plan", "eq", "pro")] });
    expect(await countSegment(A, nested, { now })).toBe(await hand(`c.gender IS DISTINCT FROM 'male' AND c.attributes ->> 'plan' IS DISTINCT FROM 'pro'`));
    expect(await countSegment(B, nested, { now })).toBe(await countSegment(A, nested, { now }));
  });

  test("resolves segment references from the workspace's saved segments only", async () => {
    const pl = await saveSegment(A.workspaceId, only(where("country", "eq", "PL")));
    const plBuyers = await saveSegment(A.workspaceId, only({ type: "segment", segmentId: pl, operator: "in" }, where("ordersCount", "gte", 1)));
    expect(await countSegment(A, only({ type: "segment", segmentId: plBuyers, operator: "in" }), { now })).toBe(await hand(`lower(c.country) = 'pl' AND c."ordersCount" >= 1`));
    expect(await countSegment(A, only({ type: "segment", segmentId: pl, operator: "not_in" }), { now })).toBe(await hand(`lower(c.country) IS DISTINCT FROM 'pl'`));
    const foreign = await saveSegment(B.workspaceId, only(where("country", "eq", "PL")));
    const error = await countSegment(A, only({ type: "segment", segmentId: foreign, operator: "in" }), { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    expect((error as InvalidDefinitionError).errors).toEqual([{ path: "root.children[0].segmentId", message: `unknown segment ${foreign}` }]);
  });

  test("an invalid definition is an error naming every node, never a count", async () => {
    const error = await countSegment(A, only(where("nope", "eq", "x"), where("age", "gt")), { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    expect((error as InvalidDefinitionError).code).toBe("invalid");
    expect((error as InvalidDefinitionError).errors.map((e) => e.path)).toEqual(["root.children[0].field", "root.children[1].value"]);
    await expect(countSegment(A, { version: 1, root: { type: "group", combinator: "and", children: [] } })).rejects.toBeInstanceOf(InvalidDefinitionError);
  });
});

describe("countFunnel", () => {
  const definition = only(
    where("country", "in", ["PL", "DE"]),
    where("emailOptIn", "is_true"),
    { type: "orders", measure: "count", operator: "gte", value: 1, window: last(30) },
  );

  test("each top-level condition's own count and the running intersection, against hand-written SQL", async () => {
    const funnel = await countFunnel(A, definition, { now });
    const country = `lower(c.country) IN ('pl', 'de')`;
    const ordered = `${PAID_ORDER_IN})`;
    expect(funnel.total).toBe(await hand("true"));
    expect(funnel.total).toBe(7);
    expect(funnel.steps.map((s) => s.count)).toEqual([await hand(country), await hand(`c."emailOptIn"`), await hand(ordered, since(30))]);
    expect(funnel.steps.map((s) => s.running)).toEqual([
      await hand(country),
      await hand(`${country} AND c."emailOptIn"`),
      await hand(`${country} AND c."emailOptIn" AND ${ordered}`, since(30)),
    ]);
    expect(funnel.steps.map((s) => s.running)).toEqual([5, 4, 2]);
    expect(funnel.steps.map((s) => s.change)).toEqual([-2, -1, -2]);
    expect(funnel.steps.map((s) => s.path)).toEqual(["root.children[0]", "root.children[1]", "root.children[2]"]);
    expect(funnel.members).toBe(await countSegment(A, definition, { now }));
  });

  test("an or root adds up; a negated root's members are the rest", async () => {
    const or = { version: 1, root: { type: "group", combinator: "or", negate: false, children: [where("country", "eq", "US"), where("gender", "eq", "female")] } };
    const funnel = await countFunnel(A, or, { now });
    expect(funnel.steps.map((s) => [s.count, s.running, s.change])).toEqual([[1, 1, -6], [3, 4, 3]]);
    expect(funnel.members).toBe(4);
    const negated = { version: 1, root: { ...or.root, negate: true } };
    const rest = await countFunnel(A, negated, { now });
    expect(rest).toMatchObject({ negate: true, members: 3, total: 7 });
    expect(rest.members).toBe(await countSegment(A, negated, { now }));
  });
});

describe("sampleMembers, forEachMemberBatch and explainMember", () => {
  const pl = only(where("country", "eq", "PL"));

  test("a sample is a few members in id order, with names and emails, from this workspace only", async () => {
    const expected = await db.sql.query<{ id: string; email: string }>(
      `SELECT c.id::text AS id, c.email FROM "Customer" c WHERE c."workspaceId" = $1 AND lower(c.country) = 'pl' ORDER BY c.id LIMIT 2`, [A.workspaceId],
    );
    const sample = await sampleMembers(A, pl, { limit: 2, now });
    expect(sample.map((m) => ({ id: m.id, email: m.email }))).toEqual(expected);
    const all = await sampleMembers(A, pl, { limit: 10, now });
    expect(all.map((m) => m.name).sort()).toEqual(["Ana Nowak", "Ek", null]);
    await expect(sampleMembers(A, pl, { limit: 0 })).rejects.toThrow(/1 to 1,000/);
  });

  test("every member in batches, in id order", async () => {
    const seen: string[] = [];
    const total = await forEachMemberBatch(A, only(where("emailOptIn", "is_true")), { now, batchSize: 2 }, (rows) => {
      expect(rows.length).toBeLessThanOrEqual(2);
      seen.push(...rows.map((r) => r.id));
    });
    expect(total).toBe(5);
    expect(seen).toEqual(["ana", "cat", "dan", "eve", "gus"].map((n) => ids[n]).sort());
  });

  test("explains one customer by id or email; another workspace's customer is not found", async () => {
    const definition = only(where("country", "eq", "PL"), { type: "orders", measure: "count", operator: "gte", value: 2, window: last(30) });
    const byEmail = await explainMember(A, definition, "ANA@a.test", { now });
    expect(byEmail).toMatchObject({ customer: { id: ids.ana, email: "ana@a.test", name: "Ana Nowak" }, member: true });
    expect(byEmail.explanation.children?.map((c) => [c.result, c.actual ?? c.measured])).toEqual([[true, "PL"], [true, 2]]);
    const byId = await explainMember(A, definition, ids.eve, { now });
    expect(byId.member).toBe(false);
    expect(byId.explanation.children?.[1]).toMatchObject({ result: false, measured: 1 });
    expect(await findCustomerId(A, ids.bTwin)).toBeNull();
    const error = await explainMember(A, definition, ids.bTwin, { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  });
});
