/** The segment endpoints of /api/v1, in process (PGlite by default, PostgreSQL with DATABASE_URL). */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { routeHandler } from "@/lib/api/operation";
import { SEGMENT_OPERATIONS } from "@/lib/api/v1/segment-operations";
import { createSegmentOperation, deleteSegmentOperation, getSegmentOperation, listSegmentsOperation, updateSegmentOperation } from "@/lib/api/v1/segments";
import {
  countDefinitionOperation, countSegmentOperation, explainSegmentOperation, listSegmentMembersOperation, segmentDashboardOperation,
} from "@/lib/api/v1/segments-evaluate";
import { getCatalog } from "@/lib/fields/queries";
import { parseDefinition } from "@/lib/segments/schema";
import { updateSegment } from "@/lib/segments/saved-mutations";
import { callApi, createTestApiKey } from "./support/api";
import { setupTestDb, teardownTestDb } from "./support/db";
import { customer, insertCustomers } from "./segments-support";

// The counting budget, normally the app's own; a test sets it to 0 ms to see a count run out of time.
const budget = vi.hoisted(() => ({ ms: undefined as number | undefined }));
vi.mock("@/lib/segments/saved-queries", async (importOriginal) => {
  const mod = await importOriginal<typeof import("@/lib/segments/saved-queries")>();
  return { ...mod, countSavedSegments: (ctx: never, ids: readonly string[], ms?: number) => mod.countSavedSegments(ctx, ids, budget.ms ?? ms) };
});
vi.mock("@/lib/segments/count", async (importOriginal) => {
  const mod = await importOriginal<typeof import("@/lib/segments/count")>();
  return { ...mod, countSegment: (ctx: never, definition: unknown, options: { now?: Date } = {}) => mod.countSegment(ctx, definition, { ...options, timeoutMs: budget.ms }) };
});

const list = routeHandler(listSegmentsOperation);
const create = routeHandler(createSegmentOperation);
const get = routeHandler(getSegmentOperation);
const put = routeHandler(updateSegmentOperation);
const del = routeHandler(deleteSegmentOperation);
const count = routeHandler(countSegmentOperation);
const adHoc = routeHandler(countDefinitionOperation);
const members = routeHandler(listSegmentMembersOperation);
const explain = routeHandler(explainSegmentOperation);
const dashboard = routeHandler(segmentDashboardOperation);

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let writeKey: { id: string; secret: string };
let readKey: string;
let bKey: string;

const group = (...children: unknown[]) => ({ version: 1, root: { type: "group", combinator: "and", negate: false, children } });
const poles = group({ type: "field", field: "country", operator: "in", value: ["PL"] });
const bigSpenders = group({ type: "orders", measure: "sum", operator: "gte", value: 100 });

/** An id that sorts (as a uuid) at a chosen place: prefix "00…" first, "ff…" last. */
const idAt = (prefix: string, n: number) => `${prefix.padEnd(8, prefix[0])}-0000-4000-8000-${String(n).padStart(12, "0")}`;

async function createVia(key: string, name: string, definition: unknown) {
  const res = await callApi(create, { key, path: "/segments", body: { name, definition } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "api-seg-a", [{ email: "ada@a.example", role: "editor", name: "Ada Editor" }]);
  b = await createTestWorkspace(db, "api-seg-b", [{ email: "bo@b.example", role: "editor" }]);
  await db.prisma.customField.create({ data: { workspaceId: a.id, key: "tier", label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }], position: 0 } });
  writeKey = await createTestApiKey(db, a.id, { access: "read_write", name: "Shop sync" });
  readKey = (await createTestApiKey(db, a.id, { access: "read" })).secret;
  bKey = (await createTestApiKey(db, b.id, { access: "read_write" })).secret;
  const paid = (total: string) => ({ placedAt: new Date("2026-06-01T10:00:00Z"), total });
  await insertCustomers(db.sql, a.id, [
    customer({ id: idAt("5", 1), email: "ola@a.example", firstName: "Ola", country: "PL", attributes: { tier: "gold" }, orders: [paid("80.50"), paid("49.40")] }),
    customer({ id: idAt("6", 2), email: "jan@a.example", firstName: "Jan", country: "PL", orders: [paid("20.00")] }),
    customer({ id: idAt("7", 3), email: "eva@a.example", firstName: "Eva", country: "DE", orders: [paid("300.00")] }),
  ]);
  await insertCustomers(db.sql, b.id, [customer({ id: idAt("8", 4), email: "b@b.example", country: "PL" })]);
});
afterAll(teardownTestDb);

describe("segments CRUD", () => {
  it("creates with 201, Location and ETag, audits with the key, and reads it back as stored", async () => {
    const res = await createVia(writeKey.secret, "Poles", poles);
    const id = res.body.id;
    expect(res.headers.get("location")).toBe(`/api/v1/segments/${id}`);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.body).toMatchObject({ name: "Poles", description: null, version: 1, definition: poles, updatedBy: { kind: "api_key", name: "Shop sync" } });
    const [entry] = await db.sql.query<{ action: string; apiKeyId: string | null; actorId: string | null }>(
      `SELECT "action", "apiKeyId"::text AS "apiKeyId", "actorId"::text AS "actorId" FROM "AuditLog" WHERE "workspaceId" = $1 AND "entityId" = $2`, [a.id, id]);
    expect(entry).toEqual({ action: "segment.create", apiKeyId: writeKey.id, actorId: null });

    const got = await callApi(get, { key: readKey, path: `/segments/${id}`, params: { id } });
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe('"1"');
    expect(got.body).toMatchObject({ id, name: "Poles", version: 1, definition: poles });
    expect(got.body.updatedBy.prefix).toMatch(/^sgm_/);
  });

  it("replays a create with the same Idempotency-Key instead of saving a second segment", async () => {
    const call = (name: string) => callApi(create, { key: writeKey.secret, headers: { "idempotency-key": "seg-create-1" }, body: { name, definition: poles } });
    const first = await call("Once");
    expect(first.status).toBe(201);
    const again = await call("Once");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await db.prisma.segment.count({ where: { workspaceId: a.id, name: "Once" } })).toBe(1);
    expect((await call("Twice")).status).toBe(422);
  });

  it("answers 404 alike for another workspace's id, a random uuid and a malformed id", async () => {
    const theirs = await createVia(bKey, "B only", poles);
    const bodies = [];
    for (const id of [theirs.body.id, crypto.randomUUID()]) {
      for (const handler of [get, count, members, dashboard]) {
        const res = await callApi(handler, { key: writeKey.secret, path: `/segments/${id}`, params: { id } });
        expect(res.status).toBe(404);
        bodies.push(res.body);
      }
      const res = await callApi(del, { key: writeKey.secret, method: "DELETE", path: `/segments/${id}`, params: { id } });
      expect(res.status).toBe(404);
      bodies.push(res.body);
      const put404 = await callApi(put, { key: writeKey.secret, method: "PUT", params: { id }, headers: { "if-match": '"1"' }, body: { name: "x", definition: poles } });
      expect(put404.status).toBe(404);
      bodies.push(put404.body);
    }
    expect(new Set(bodies.map((x) => JSON.stringify(x))).size).toBe(1);
    expect((await callApi(get, { key: writeKey.secret, params: { id: "not-a-uuid" } })).status).toBe(404);
    // B's segment is untouched.
    expect(await db.prisma.segment.count({ where: { workspaceId: b.id } })).toBe(1);
  });

  it("rejects invalid definitions with 422 pointing at each node, with the builder's own messages", async () => {
    const bad = group(
      { type: "field", field: "nope", operator: "eq", value: "x" },
      { type: "field", field: "country", operator: "in", value: ["PL", "Narnia"] },
      { type: "group", combinator: "or", negate: false, children: [{ type: "field", field: "age", operator: "contains", value: "x" }] },
    );
    const res = await callApi(create, { key: writeKey.secret, body: { name: "Bad", definition: bad } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const parsed = parseDefinition(bad, await getCatalog({ workspaceId: a.id }));
    expect(parsed.ok).toBe(false);
    const expected = parsed.ok ? [] : parsed.errors.map((e) => ({ pointer: `/definition/${e.path.replace(/\[(\d+)\]/g, ".$1").split(".").join("/")}`, message: e.message }));
    expect(res.body.errors).toEqual(expected);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain("/definition/root/children/1/value/1");
    expect(res.body.errors.find((e: { pointer: string }) => e.pointer === "/definition/root/children/1/value/1").message).toMatch(/^Unknown country "Narnia": use a country name or an ISO code/);
    expect(pointers.some((p: string) => p.startsWith("/definition/root/children/0/"))).toBe(true);
    expect(pointers.some((p: string) => p.startsWith("/definition/root/children/2/children/0/"))).toBe(true);

    // Structural problems (checked before the catalog) point at their nodes too.
    const shape = await callApi(create, { key: writeKey.secret, body: { name: "Bad", definition: group({ type: "field", field: "country" }, { type: "orders", measure: "count", operator: "gte", value: -1 }) } });
    expect(shape.status).toBe(422);
    const shapePointers = shape.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(shapePointers.some((p: string) => p.startsWith("/definition/root/children/0"))).toBe(true);
    expect(shapePointers.some((p: string) => p.startsWith("/definition/root/children/1"))).toBe(true);

    const notObject = await callApi(create, { key: writeKey.secret, body: { name: "Bad", definition: "everyone" } });
    expect(notObject.status).toBe(422);
    expect(notObject.body.errors[0].pointer).toBe("/definition");
    const noName = await callApi(create, { key: writeKey.secret, body: { name: " ", definition: poles } });
    expect(noName.status).toBe(422);
    expect(noName.body.errors).toEqual([{ pointer: "/name", message: "Give the segment a name." }]);
    expect(await db.prisma.segment.count({ where: { workspaceId: a.id, name: "Bad" } })).toBe(0);
  });

  it("needs If-Match on PUT (428), refuses a stale version with 412 naming who saved it, and saves a current one", async () => {
    const { body: seg } = await createVia(writeKey.secret, "Editable", poles);
    const call = (headers: Record<string, string>, name = "Edited") =>
      callApi(put, { key: writeKey.secret, method: "PUT", params: { id: seg.id }, headers, body: { name, description: "d", definition: bigSpenders } });
    expect((await call({})).status).toBe(428);
    const malformed = await call({ "if-match": "*" });
    expect(malformed.status).toBe(400);

    // A person saves in the app: version 2, by Ada.
    const ada = a.ctx("ada@a.example");
    await updateSegment({ workspaceId: a.id, timeZone: ada.timeZone, userId: ada.userId }, { id: seg.id, version: 1, name: "Ada's", definition: poles });
    const stale = await call({ "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ status: 412, currentVersion: 2, updatedBy: { kind: "user", name: "Ada Editor", email: "ada@a.example" } });
    expect(new Date(stale.body.updatedAt).toISOString()).toBe(stale.body.updatedAt);
    expect((await db.prisma.segment.findFirstOrThrow({ where: { id: seg.id } })).name).toBe("Ada's");

    const saved = await call({ "if-match": 'W/"2"' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe('"3"');
    expect(saved.body).toMatchObject({ name: "Edited", description: "d", version: 3, definition: bigSpenders, updatedBy: { kind: "api_key", name: "Shop sync" } });

    // The last save came from a key: a stale save names the key.
    const stale2 = await call({ "if-match": '"2"' }, "Again");
    expect(stale2.status).toBe(412);
    expect(stale2.body).toMatchObject({ currentVersion: 3, updatedBy: { kind: "api_key", name: "Shop sync", prefix: expect.stringMatching(/^sgm_/) } });
    const actions = await db.sql.query<{ action: string; apiKeyId: string | null }>(
      `SELECT "action", "apiKeyId"::text AS "apiKeyId" FROM "AuditLog" WHERE "workspaceId" = $1 AND "entityId" = $2 ORDER BY "id"`, [a.id, seg.id]);
    expect(actions).toEqual([
      { action: "segment.create", apiKeyId: writeKey.id },
      { action: "segment.update", apiKeyId: null },
      { action: "segment.update", apiKeyId: writeKey.id },
    ]);

    const invalid = await call({ "if-match": '"3"' }, "x");
    expect(invalid.status).toBe(200);
    const badDef = await callApi(put, { key: writeKey.secret, method: "PUT", params: { id: seg.id }, headers: { "if-match": '"4"' }, body: { name: "x", definition: group({ type: "field", field: "age", operator: "contains", value: "x" }) } });
    expect(badDef.status).toBe(422);
    expect(badDef.body.errors[0].pointer).toMatch(/^\/definition\/root\/children\/0\//);
  });

  it("refuses writes with a read key (403) and changes nothing", async () => {
    const before = await db.prisma.segment.count({ where: { workspaceId: a.id } });
    expect((await callApi(create, { key: readKey, body: { name: "R", definition: poles } })).status).toBe(403);
    const [any] = await db.prisma.segment.findMany({ where: { workspaceId: a.id }, take: 1 });
    expect((await callApi(put, { key: readKey, method: "PUT", params: { id: any.id }, headers: { "if-match": '"1"' }, body: { name: "R", definition: poles } })).status).toBe(403);
    expect((await callApi(del, { key: readKey, method: "DELETE", params: { id: any.id } })).status).toBe(403);
    expect(await db.prisma.segment.count({ where: { workspaceId: a.id } })).toBe(before);
    // Reads and counting an ad hoc definition are fine with a read key.
    expect((await callApi(adHoc, { key: readKey, body: { definition: poles } })).status).toBe(200);
  });

  it("refuses to delete a referenced segment (409 naming the referrers), then deletes with 204 and an audit entry", async () => {
    const { body: base } = await createVia(writeKey.secret, "Base", poles);
    const { body: user1 } = await createVia(writeKey.secret, "User one", group({ type: "segment", segmentId: base.id, operator: "in" }));
    const { body: user2 } = await createVia(writeKey.secret, "User two", group({ type: "segment", segmentId: base.id, operator: "not_in" }));
    const refused = await callApi(del, { key: writeKey.secret, method: "DELETE", params: { id: base.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.referencedBy).toEqual([{ id: user1.id, name: "User one" }, { id: user2.id, name: "User two" }]);
    expect(refused.body.detail).toContain('"User one"');
    for (const id of [user1.id, user2.id, base.id]) {
      const res = await callApi(del, { key: writeKey.secret, method: "DELETE", params: { id } });
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
    }
    expect(await db.prisma.segment.count({ where: { id: { in: [base.id, user1.id, user2.id] } } })).toBe(0);
    const [entry] = await db.sql.query<{ apiKeyId: string }>(`SELECT "apiKeyId"::text AS "apiKeyId" FROM "AuditLog" WHERE "workspaceId" = $1 AND "action" = 'segment.delete' AND "entityId" = $2`, [a.id, base.id]);
    expect(entry.apiKeyId).toBe(writeKey.id);
    expect((await callApi(get, { key: writeKey.secret, params: { id: base.id } })).status).toBe(404);
  });

  it("lists by name in cursor pages with live counts; another workspace sees none of them", async () => {
    const seen: { name: string; count: number | null; countError: string | null }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/segments?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await callApi(list, { key: readKey, path });
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    const names = seen.map((s) => s.name);
    const stored = await db.prisma.segment.findMany({ where: { workspaceId: a.id }, select: { name: true } });
    expect(names.slice().sort()).toEqual(stored.map((s) => s.name).sort());
    expect(new Set(names).size).toBe(names.length);
    expect(seen.find((s) => s.name === "Poles")).toMatchObject({ count: 2, countError: null });
    expect(names).not.toContain("B only");

    const theirs = await callApi(list, { key: bKey, path: "/segments" });
    expect(theirs.body.data.map((s: { name: string }) => s.name)).toEqual(["B only"]);
    expect(theirs.body.data[0].count).toBe(1);
    // A cursor of A's list is not a cursor of B's.
    const first = await callApi(list, { key: readKey, path: "/segments?limit=1" });
    expect((await callApi(list, { key: bKey, path: `/segments?cursor=${encodeURIComponent(first.body.nextCursor)}` })).status).toBe(400);
  });
});

describe("segment evaluation", () => {
  let polesId: string;
  let spendersId: string;

  beforeAll(async () => {
    polesId = (await createVia(writeKey.secret, "Poles (eval)", poles)).body.id;
    spendersId = (await createVia(writeKey.secret, "Spenders", bigSpenders)).body.id;
  });

  it("counts a saved segment and an ad hoc definition; an invalid ad hoc definition is a 422 with node pointers", async () => {
    const res = await callApi(count, { key: readKey, params: { id: polesId } });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(new Date(res.body.asOf).toISOString()).toBe(res.body.asOf);
    expect((await callApi(count, { key: readKey, params: { id: spendersId } })).body.count).toBe(2);
    const adhoc = await callApi(adHoc, { key: readKey, body: { definition: group({ type: "field", field: "country", operator: "in", value: ["Germany"] }) } });
    expect(adhoc.status).toBe(200);
    expect(adhoc.body.count).toBe(1);
    const bad = await callApi(adHoc, { key: readKey, body: { definition: group({ type: "field", field: "country", operator: "in", value: ["Narnia"] }) } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveLength(1);
    expect(bad.body.errors[0].pointer).toBe("/definition/root/children/0/value/0");
    const missing = await callApi(adHoc, { key: readKey, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].pointer).toBe("/definition");
  });

  it("lists members by id with fields=, and refuses an unknown field naming it", async () => {
    const res = await callApi(members, { key: readKey, path: `/segments/${spendersId}/members?fields=firstName,country,custom.tier,totalSpent,lastOrderAt`, params: { id: spendersId } });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.data).toEqual([
      { id: idAt("5", 1), email: "ola@a.example", externalId: `x-${idAt("5", 1)}`, firstName: "Ola", country: "PL", totalSpent: "129.90", lastOrderAt: "2026-06-01T10:00:00.000Z", custom: { tier: "gold" } },
      { id: idAt("7", 3), email: "eva@a.example", externalId: `x-${idAt("7", 3)}`, firstName: "Eva", country: "DE", totalSpent: "300.00", lastOrderAt: "2026-06-01T10:00:00.000Z", custom: { tier: null } },
    ]);
    const plain = await callApi(members, { key: readKey, path: `/segments/${spendersId}/members`, params: { id: spendersId } });
    expect(Object.keys(plain.body.data[0]).sort()).toEqual(["email", "externalId", "id"]);
    const unknown = await callApi(members, { key: readKey, path: `/segments/${spendersId}/members?fields=firstName,shoeSize,custom.nope`, params: { id: spendersId } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('"shoeSize"');
    expect(unknown.body.errors).toEqual([{ parameter: "fields", message: 'unknown field "shoeSize"' }, { parameter: "fields", message: 'unknown field "custom.nope"' }]);
    const badCursor = await callApi(members, { key: readKey, path: `/segments/${spendersId}/members?cursor=abc.def`, params: { id: spendersId } });
    expect(badCursor.status).toBe(400);
  });

  it("walks members while customers are inserted between pages: every member present throughout is seen exactly once", async () => {
    const walkDef = group({ type: "field", field: "city", operator: "eq", value: "Gdańsk" });
    const initial = Array.from({ length: 9 }, (_, i) => customer({ id: idAt(String((i % 9) + 1), 100 + i), city: "Gdańsk" }));
    await insertCustomers(db.sql, a.id, [...initial, customer({ id: idAt("4", 199), city: "Kraków" })]);
    const { body: seg } = await createVia(writeKey.secret, "Gdańsk", walkDef);
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await callApi(members, { key: readKey, path: `/segments/${seg.id}/members?limit=2${q}`, params: { id: seg.id } });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((m: { id: string }) => m.id));
      cursor = res.body.nextCursor;
      round += 1;
      // Between pages: matching customers sorting before and after the cursor, and a non-matching one.
      await insertCustomers(db.sql, a.id, [
        customer({ id: idAt("0", 1000 + round), city: "Gdańsk" }),
        customer({ id: idAt("f", 1000 + round), city: "Gdańsk" }),
        customer({ id: idAt("a", 1000 + round), city: "Łódź" }),
      ]);
    } while (cursor && round < 50);
    expect(new Set(seen).size).toBe(seen.length);
    for (const c of initial) expect(seen.filter((id) => id === c.customer.id)).toHaveLength(1);
    expect(seen).not.toContain(idAt("4", 199));
    expect(seen.every((id) => !id.startsWith("aaaaaaaa"))).toBe(true);
    expect(seen).toEqual([...seen].sort());
  });

  it("explains one customer by email or id; needs exactly one; an unknown customer is a 404", async () => {
    const byEmail = await callApi(explain, { key: readKey, path: `/segments/${spendersId}/explain?email=OLA@a.example`, params: { id: spendersId } });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({ segment: { id: spendersId, name: "Spenders" }, customer: { id: idAt("5", 1), email: "ola@a.example" }, member: true });
    expect(byEmail.body.explanation).toMatchObject({ path: "root", pointer: "/definition/root", result: true });
    expect(byEmail.body.explanation.children[0]).toMatchObject({ path: "root.children[0]", pointer: "/definition/root/children/0", result: true, measured: "129.90" });
    const byId = await callApi(explain, { key: readKey, path: `/segments/${spendersId}/explain?customerId=${idAt("6", 2)}`, params: { id: spendersId } });
    expect(byId.body).toMatchObject({ member: false, explanation: { result: false, children: [{ result: false, measured: "20.00" }] } });
    expect((await callApi(explain, { key: readKey, path: `/segments/${spendersId}/explain`, params: { id: spendersId } })).status).toBe(400);
    expect((await callApi(explain, { key: readKey, path: `/segments/${spendersId}/explain?email=x@y.z&customerId=${idAt("6", 2)}`, params: { id: spendersId } })).status).toBe(400);
    expect((await callApi(explain, { key: readKey, path: `/segments/${spendersId}/explain?email=nobody@a.example`, params: { id: spendersId } })).status).toBe(404);
    // A customer of another workspace is unknown here.
    expect((await callApi(explain, { key: readKey, path: `/segments/${spendersId}/explain?customerId=${idAt("8", 4)}`, params: { id: spendersId } })).status).toBe(404);
  });

  it("answers the dashboard's numbers as JSON with money as two-decimal strings", async () => {
    const res = await callApi(dashboard, { key: readKey, params: { id: spendersId } });
    expect(res.status).toBe(200);
    expect(res.body.segment).toEqual({ id: spendersId, name: "Spenders" });
    expect(res.body.headline).toMatchObject({ members: 2, orders: 3, revenue: "429.90", averageOrderValue: "143.30" });
    expect(res.body.topMembers.map((t: { totalSpent: string }) => t.totalSpent)).toEqual(["300.00", "129.90"]);
    for (const m of res.body.monthly) expect(m.memberRevenue).toMatch(/^\d+\.\d\d$/);
    expect(res.body.breakdowns.find((b: { dimension: string }) => b.dimension === "country").rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "PL", members: 1, revenue: "129.90" }), expect.objectContaining({ key: "DE", members: 1, revenue: "300.00" })]),
    );
  });

  it("a count that runs out of time is null with countError in the list, and a 503 from /count, never a number", async () => {
    budget.ms = 0;
    try {
      const listed = await callApi(list, { key: readKey, path: "/segments?limit=200" });
      expect(listed.status).toBe(200);
      expect(listed.body.data.length).toBeGreaterThan(0);
      for (const row of listed.body.data) {
        expect(row.count).toBeNull();
        expect(row.countError).toMatch(/took too long/);
      }
      const res = await callApi(count, { key: readKey, params: { id: polesId } });
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/longer than/);
    } finally {
      budget.ms = undefined;
    }
    expect((await callApi(count, { key: readKey, params: { id: polesId } })).body.count).toBe(2);
  });

  it("a stored definition that no longer validates is a 409 naming the node, and the list shows countError instead of a count", async () => {
    const { body: seg } = await createVia(writeKey.secret, "Tiered", group({ type: "field", field: "custom.tier", operator: "eq", value: "gold" }));
    expect((await callApi(count, { key: readKey, params: { id: seg.id } })).body.count).toBe(1);
    await db.prisma.customField.deleteMany({ where: { workspaceId: a.id, key: "tier" } });
    try {
      const res = await callApi(count, { key: readKey, params: { id: seg.id } });
      expect(res.status).toBe(409);
      expect(res.body.errors[0].pointer).toBe("/definition/root/children/0/field");
      const listed = await callApi(list, { key: readKey, path: "/segments?limit=200" });
      const row = listed.body.data.find((s: { id: string }) => s.id === seg.id);
      expect(row.count).toBeNull();
      expect(row.countError).toMatch(/Invalid definition/);
    } finally {
      await db.prisma.customField.create({ data: { workspaceId: a.id, key: "tier", label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }], position: 0 } });
    }
  });
});

describe("the OpenAPI document of the segment operations", () => {
  it("has every operation with its path and method, and each shared schema once", () => {
    const doc = buildOpenApiDocument(SEGMENT_OPERATIONS) as { paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } };
    // Each shared schema once (no "SegmentOutput" twin of "Segment").
    expect(Object.keys(doc.components.schemas).sort()).toEqual(["ExplainNode", "Problem", "Segment", "SegmentMember", "SegmentSummary"]);
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, o]) => `${m.toUpperCase()} ${path} ${o.operationId}`));
    expect(ops.sort()).toEqual([
      "DELETE /segments/{id} deleteSegment",
      "GET /segments listSegments",
      "GET /segments/{id} getSegment",
      "GET /segments/{id}/count countSegment",
      "GET /segments/{id}/dashboard getSegmentDashboard",
      "GET /segments/{id}/explain explainSegmentMember",
      "GET /segments/{id}/members listSegmentMembers",
      "POST /segments createSegment",
      "POST /segments/count countDefinition",
      "PUT /segments/{id} updateSegment",
    ]);
  });
});
