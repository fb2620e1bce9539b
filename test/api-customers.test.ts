/**
 * The customer endpoints of the public API, in process (callApi) on PGlite or PostgreSQL: upsert one,
 * batch, list (cursor walk, filters), get, erase; isolation between workspaces; read keys.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { routeHandler } from "@/lib/api/operation";
import { deleteCustomer, getCustomer, listCustomers, upsertCustomer, upsertCustomersBatch } from "@/lib/api/v1/customers";
import { createSegment } from "@/lib/segments/saved-mutations";
import { callApi, createTestApiKey } from "./support/api";
import { setupTestDb, teardownTestDb } from "./support/db";

const list = routeHandler(listCustomers);
const get = routeHandler(getCustomer);
const erase = routeHandler(deleteCustomer);
const upsert = routeHandler(upsertCustomer);
const batch = routeHandler(upsertCustomersBatch);

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let writeKey: string;
let writeKeyId: string;
let readKey: string;
let bKey: string;

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "api-cust-a", [{ email: "editor@ca.example", role: "editor" }]);
  b = await createTestWorkspace(db, "api-cust-b", [{ email: "editor@cb.example", role: "editor" }]);
  await db.prisma.customField.create({ data: { workspaceId: a.id, key: "tier", label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }, { key: "silver", label: "Silver" }], position: 0 } });
  const key = await createTestApiKey(db, a.id, { access: "read_write" });
  writeKey = key.secret;
  writeKeyId = key.id;
  readKey = (await createTestApiKey(db, a.id, { access: "read" })).secret;
  bKey = (await createTestApiKey(db, b.id, { access: "read_write" })).secret;
});
afterAll(teardownTestDb);

describe("POST /customers (upsert one)", () => {
  it("creates (201), updates the fields given (200), then answers unchanged; consent records source api", async () => {
    const created = await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "Ada@Example.com", firstName: "Ada", country: "pl", tags: ["VIP"], emailOptIn: true, custom: { tier: "gold" } } });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("created");
    expect(created.body.data).toMatchObject({ email: "ada@example.com", firstName: "Ada", country: "PL", tags: ["vip"], emailOptIn: true, emailOptInSource: "api", custom: { tier: "gold" }, ordersCount: 0, totalSpent: "0.00", averageOrderValue: null });
    const id = created.body.data.id;

    const updated = await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "ada@example.com", lastName: "Lovelace", emailOptIn: false, custom: { tier: null } } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ status: "updated", data: { id, firstName: "Ada", lastName: "Lovelace", emailOptIn: false, custom: {} } });

    const again = await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "ada@example.com", lastName: "Lovelace", emailOptIn: false } });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("unchanged");
    expect(again.body.data.updatedAt).toBe(updated.body.data.updatedAt);

    const row = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: a.id, id } });
    expect(row.emailOptInSource).toBe("api");
    const audit = await db.prisma.auditLog.findMany({ where: { workspaceId: a.id, entityId: id }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["customer.create", "customer.consent", "customer.update", "customer.consent"]);
    expect(audit.every((e) => e.apiKeyId === writeKeyId && e.actorId === null)).toBe(true);
  });

  it("matches on externalId first, and may change the email then", async () => {
    const first = await callApi(upsert, { key: writeKey, path: "/customers", body: { externalId: "X-1", email: "x1@example.com" } });
    expect(first.status).toBe(201);
    const moved = await callApi(upsert, { key: writeKey, path: "/customers", body: { externalId: "X-1", email: "x1-new@example.com" } });
    expect(moved.body).toMatchObject({ status: "updated", data: { id: first.body.data.id, email: "x1-new@example.com", externalId: "X-1" } });
  });

  it("validates like the form (422 with pointers), refuses another customer's email (409), and read keys (403)", async () => {
    const bad = await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "not-an-email", birthDate: "31/12/1990", ordersCount: 4, custom: { tier: "platinum", nope: "x" } } });
    expect(bad.status).toBe(422);
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(["/birthDate", "/custom/nope", "/custom/tier", "/email", "/ordersCount"]);

    const typed = await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "t@example.com", emailOptIn: "maybe" } });
    expect(typed.status).toBe(422);
    expect(typed.body.errors[0].pointer).toBe("/emailOptIn");

    const none = await callApi(upsert, { key: writeKey, path: "/customers", body: { firstName: "Nobody" } });
    expect(none.status).toBe(422);
    expect(none.body.errors[0].pointer).toBe("/email");

    const clash = await callApi(upsert, { key: writeKey, path: "/customers", body: { externalId: "X-2", email: "ada@example.com" } });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ pointer: "/email", message: expect.stringContaining("already has this email") }]);

    const read = await callApi(upsert, { key: readKey, path: "/customers", body: { email: "r@example.com" } });
    expect(read.status).toBe(403);
    expect(await db.prisma.customer.count({ where: { workspaceId: a.id, email: { in: ["r@example.com", "t@example.com"] } } })).toBe(0);
  });
});

describe("POST /customers/batch", () => {
  it("answers one result per record in order; bad records fail alone; one audit entry", async () => {
    const before = await db.prisma.auditLog.count({ where: { workspaceId: a.id, action: "customer.batch" } });
    const res = await callApi(batch, {
      key: writeKey,
      path: "/customers/batch",
      body: {
        data: [
          { email: "b0@example.com", firstName: "B0", emailOptIn: true },
          { email: "bad email" },
          { email: "b2@example.com", custom: { tier: "silver" } },
          { email: "B0@example.com", firstName: "again" }, // the same customer as record 0
          { externalId: "X-9", email: "ada@example.com" }, // another customer's email
          "not an object",
          { email: "ada@example.com", lastName: "Lovelace" }, // exists, same value
          { email: "ada@example.com" }, // same customer as record 6
          { externalId: "X-1", firstName: "Xavier" }, // exists: updated
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual(["created", "failed", "created", "failed", "failed", "failed", "unchanged", "failed", "updated"]);
    expect(res.body.data.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res.body.summary).toEqual({ created: 2, updated: 1, unchanged: 1, failed: 5 });
    expect(res.body.data[1].errors[0].pointer).toBe("/data/1/email");
    expect(res.body.data[3].errors[0]).toMatchObject({ pointer: "/data/3/email", message: expect.stringContaining("Record 0") });
    expect(res.body.data[4].errors[0]).toMatchObject({ pointer: "/data/4/email", message: expect.stringContaining("already has this email") });
    expect(res.body.data[5].errors[0].pointer).toBe("/data/5");
    const b0 = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: a.id, email: "b0@example.com" } });
    expect(b0).toMatchObject({ id: res.body.data[0].id, firstName: "B0", emailOptIn: true, emailOptInSource: "api" });
    expect(b0.emailOptInChangedAt).not.toBeNull();
    const b2 = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: a.id, email: "b2@example.com" } });
    expect(b2.attributes).toEqual({ tier: "silver" });
    expect((await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: a.id, externalId: "X-1" } })).firstName).toBe("Xavier");
    expect(await db.prisma.customer.count({ where: { workspaceId: a.id, externalId: "X-9" } })).toBe(0);
    const audits = await db.prisma.auditLog.findMany({ where: { workspaceId: a.id, action: "customer.batch" }, orderBy: { id: "asc" } });
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ apiKeyId: writeKeyId, diff: { created: 2, updated: 1, unchanged: 1, failed: 5, consentChanges: 1 } });
  });

  it("replays a batch sent again with the same Idempotency-Key without writing again", async () => {
    const body = { data: [{ email: "idem@example.com", firstName: "One" }] };
    const headers = { "Idempotency-Key": "batch-1" };
    const first = await callApi(batch, { key: writeKey, path: "/customers/batch", body, headers });
    expect(first.body.summary.created).toBe(1);
    await db.prisma.customer.updateMany({ where: { workspaceId: a.id, email: "idem@example.com" }, data: { firstName: "Changed meanwhile" } });
    const replay = await callApi(batch, { key: writeKey, path: "/customers/batch", body, headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect((await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: a.id, email: "idem@example.com" } })).firstName).toBe("Changed meanwhile");
    const other = await callApi(batch, { key: writeKey, path: "/customers/batch", body: { data: [{ email: "idem2@example.com" }] }, headers });
    expect(other.status).toBe(422);
  });

  it("refuses an empty batch, more than 1,000 records, and read keys", async () => {
    expect((await callApi(batch, { key: writeKey, path: "/customers/batch", body: { data: [] } })).status).toBe(422);
    const tooMany = await callApi(batch, { key: writeKey, path: "/customers/batch", body: { data: Array.from({ length: 1001 }, (_, i) => ({ email: `m${i}@example.com` })) } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].pointer).toBe("/data");
    expect((await callApi(batch, { key: readKey, path: "/customers/batch", body: { data: [{ email: "r@example.com" }] } })).status).toBe(403);
  });

  it("keeps planner statistics fresh: a batch that fills the table ANALYZEs it", async () => {
    const c = await createTestWorkspace(db, "api-cust-stats", []);
    const key = (await createTestApiKey(db, c.id)).secret;
    const res = await callApi(batch, { key, path: "/customers/batch", body: { data: Array.from({ length: 400 }, (_, i) => ({ email: `s${i}@example.com`, country: "DE" })) } });
    expect(res.body.summary.created).toBe(400);
    const [row] = await db.sql.query<{ reltuples: number }>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'Customer' AND relnamespace = to_regnamespace(current_schema())`);
    const total = await db.prisma.customer.count();
    expect(row.reltuples).toBe(total);

    // Right after an ANALYZE, a table waits 10 s for the next one unless it more than doubled.
    const small = (n: number) => callApi(batch, { key, path: "/customers/batch", body: { data: Array.from({ length: 30 }, (_, i) => ({ email: `wait${n}-${i}@example.com` })) } });
    for (let n = 0; n < 5; n += 1) await small(n);
    const [waited] = await db.sql.query<{ reltuples: number }>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'Customer' AND relnamespace = to_regnamespace(current_schema())`);
    expect(waited.reltuples).toBe(total);

    // Batches too small to call for ANALYZE on their own (30 rows < 50) still add up to it.
    process.env.SEGMENTA_ANALYZE_MIN_INTERVAL_MS = "0";
    for (let n = 0; n < 5; n += 1) {
      await callApi(batch, { key, path: "/customers/batch", body: { data: Array.from({ length: 30 }, (_, i) => ({ email: `small${n}-${i}@example.com` })) } });
    }
    const [after] = await db.sql.query<{ reltuples: number }>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'Customer' AND relnamespace = to_regnamespace(current_schema())`);
    expect(after.reltuples).toBeGreaterThan(total + 150);
    delete process.env.SEGMENTA_ANALYZE_MIN_INTERVAL_MS;
  });
});

describe("GET /customers", () => {
  it("walks every customer once in pages, and only the key's workspace", async () => {
    await callApi(batch, { key: bKey, path: "/customers/batch", body: { data: [{ email: "bee@example.com" }] } });
    const expected = (await db.prisma.customer.findMany({ where: { workspaceId: a.id }, select: { id: true } })).map((c) => c.id).sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: string; email: string }[]; nextCursor: string | null } } = await callApi(list, { key: readKey, path: `/customers?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` });
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("finds one by email or externalId, filters by updated_since and by segment", async () => {
    const one = await callApi(list, { key: readKey, path: "/customers?email=ADA@example.com" });
    expect(one.body.data.map((c: { email: string }) => c.email)).toEqual(["ada@example.com"]);
    expect((await callApi(list, { key: readKey, path: "/customers?externalId=X-1" })).body.data).toHaveLength(1);
    expect((await callApi(list, { key: readKey, path: "/customers?email=bee@example.com" })).body.data).toEqual([]);

    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "b2@example.com", firstName: "Changed" } });
    await callApi(upsert, { key: writeKey, path: "/customers", body: { email: "late@example.com" } });
    const recent = await callApi(list, { key: readKey, path: `/customers?updated_since=${encodeURIComponent(since)}&limit=1` });
    expect(recent.body.data.map((c: { email: string }) => c.email)).toEqual(["b2@example.com"]);
    const rest = await callApi(list, { key: readKey, path: `/customers?updated_since=${encodeURIComponent(since)}&cursor=${encodeURIComponent(recent.body.nextCursor)}` });
    expect(rest.body).toMatchObject({ data: [{ email: "late@example.com" }], nextCursor: null });

    const polish = await createSegment(a.ctx("editor@ca.example"), { name: "Poles", definition: { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "country", operator: "in", value: ["PL"] }] } } });
    const members = await callApi(list, { key: readKey, path: `/customers?segment=${polish.id}` });
    expect(members.status).toBe(200);
    expect(members.body.data.map((c: { email: string }) => c.email)).toEqual(["ada@example.com"]);
    const bSegment = await createSegment(b.ctx("editor@cb.example"), { name: "B", definition: { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "country", operator: "in", value: ["PL"] }] } } });
    expect((await callApi(list, { key: readKey, path: `/customers?segment=${bSegment.id}` })).status).toBe(404);
    expect((await callApi(list, { key: readKey, path: "/customers?segment=nope" })).status).toBe(404);
  });

  it("refuses bad parameters and forged or foreign cursors with 400", async () => {
    expect((await callApi(list, { key: readKey, path: "/customers?limit=201" })).status).toBe(400);
    expect((await callApi(list, { key: readKey, path: "/customers?updated_since=yesterday" })).status).toBe(400);
    expect((await callApi(list, { key: readKey, path: "/customers?cursor=abc.def" })).status).toBe(400);
    const bPage = await callApi(list, { key: bKey, path: "/customers?limit=1" });
    await callApi(batch, { key: bKey, path: "/customers/batch", body: { data: [{ email: "bee2@example.com" }] } });
    const bNext = (await callApi(list, { key: bKey, path: "/customers?limit=1" })).body.nextCursor;
    expect(bPage.status).toBe(200);
    expect((await callApi(list, { key: readKey, path: `/customers?cursor=${encodeURIComponent(bNext)}` })).status).toBe(400);
  });
});

describe("GET and DELETE /customers/{id}", () => {
  it("reads one, 404 for another workspace's or a malformed id, erases with a read-write key only", async () => {
    const ada = (await callApi(list, { key: readKey, path: "/customers?email=ada@example.com" })).body.data[0];
    const got = await callApi(get, { key: readKey, path: `/customers/${ada.id}`, params: { id: ada.id } });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(ada);
    const bee = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: b.id, email: "bee@example.com" } });
    const foreign = await callApi(get, { key: readKey, path: `/customers/${bee.id}`, params: { id: bee.id } });
    expect(foreign.status).toBe(404);
    expect((await callApi(get, { key: readKey, path: "/customers/12", params: { id: "12" } })).status).toBe(404);
    expect((await callApi(erase, { key: writeKey, method: "DELETE", path: `/customers/${bee.id}`, params: { id: bee.id } })).status).toBe(404);
    expect(await db.prisma.customer.count({ where: { id: bee.id } })).toBe(1);

    expect((await callApi(erase, { key: readKey, method: "DELETE", path: `/customers/${ada.id}`, params: { id: ada.id } })).status).toBe(403);
    const erased = await callApi(erase, { key: writeKey, method: "DELETE", path: `/customers/${ada.id}`, params: { id: ada.id } });
    expect(erased.status).toBe(204);
    expect((await callApi(get, { key: readKey, path: `/customers/${ada.id}`, params: { id: ada.id } })).status).toBe(404);
    expect(await db.prisma.auditLog.count({ where: { workspaceId: a.id, action: "customer.delete", entityId: ada.id, apiKeyId: writeKeyId } })).toBe(1);
  });
});
