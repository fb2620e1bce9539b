import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { defineOperation, routeHandler } from "@/lib/api/operation";
import { getCustomer } from "@/lib/api/v1/customers";
import { listFields } from "@/lib/api/v1/fields";
import { getSegmentOperation } from "@/lib/api/v1/segments";
import { BODY_LIMITS } from "@/lib/api/body";
import { callApi, createTestApiKey } from "./support/api";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let writeKey: string;
let readKey: string;
let bKey: string;
let calls = 0;

// A write operation used only here, to exercise what every operation goes through.
const echo = defineOperation({
  operationId: "testEcho",
  method: "POST",
  path: "/test/echo",
  tag: "Test",
  summary: "Echo",
  access: "write",
  body: z.object({ email: z.email("not an email"), items: z.array(z.object({ n: z.number("a number") })).max(3) }),
  bodyLimit: 2000,
  responses: { 201: { description: "Echoed" } },
  async handle(ctx, { body }) {
    calls += 1;
    return { status: 201, body: { workspaceId: ctx.workspaceId, email: body.email, call: calls } };
  },
});
const echoRoute = routeHandler(echo);
const fieldsRoute = routeHandler(listFields);

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "api-core-a", [{ email: "admin@a.example", role: "admin" }]);
  b = await createTestWorkspace(db, "api-core-b", [{ email: "admin@b.example", role: "admin" }]);
  await db.prisma.customField.create({ data: { workspaceId: a.id, key: "tier", label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }], position: 0 } });
  await db.prisma.customField.create({ data: { workspaceId: b.id, key: "secret_b", label: "B only", type: "text", position: 0 } });
  writeKey = (await createTestApiKey(db, a.id, { access: "read_write" })).secret;
  readKey = (await createTestApiKey(db, a.id, { access: "read" })).secret;
  bKey = (await createTestApiKey(db, b.id, { access: "read_write" })).secret;
});
afterAll(teardownTestDb);

describe("every API request", () => {
  it("needs a valid key: missing, malformed, unknown and revoked keys get 401 problems with WWW-Authenticate", async () => {
    const revoked = await createTestApiKey(db, a.id);
    await db.prisma.apiKey.updateMany({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const attempts: Record<string, string>[] = [{}, { authorization: "Basic abc" }, { authorization: "Bearer nope" }, { authorization: `Bearer sgm_${"x".repeat(43)}` }, { authorization: `Bearer ${revoked.secret}` }];
    for (const headers of attempts) {
      const res = await callApi(fieldsRoute, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ status: 401, type: "https://segmenta.dev/problems/unauthorized" });
      expect(res.headers.get("ratelimit-limit")).toBeTruthy();
    }
  });

  it("sees only the key's workspace", async () => {
    const res = await callApi(fieldsRoute, { key: readKey });
    expect(res.status).toBe(200);
    expect(res.body.data.map((f: { key: string }) => f.key)).toEqual(["tier"]);
    expect(res.body.data[0]).toMatchObject({ type: "select", options: [{ key: "gold", label: "Gold" }], archived: false });
    const other = await callApi(fieldsRoute, { key: bKey });
    expect(other.body.data.map((f: { key: string }) => f.key)).toEqual(["secret_b"]);
  });

  it("answers a malformed id exactly like a missing one (and like another workspace's)", async () => {
    for (const [op, path] of [[getCustomer, "customers"], [getSegmentOperation, "segments"]] as const) {
      const route = routeHandler(op);
      const call = (id: string) => callApi(route, { key: readKey, path: `/${path}/${id}`, params: { id } });
      const [malformed, missing] = await Promise.all([call("not-an-id"), call("00000000-0000-4000-8000-000000000000")]);
      expect(malformed.status).toBe(404);
      expect(malformed.body).toEqual(missing.body);
    }
  });

  it("records when a key was last used", async () => {
    const key = await createTestApiKey(db, a.id);
    await callApi(fieldsRoute, { key: key.secret });
    const row = await db.prisma.apiKey.findFirstOrThrow({ where: { id: key.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("refuses writes with a read key (403) without doing them", async () => {
    const before = calls;
    const res = await callApi(echoRoute, { key: readKey, body: { email: "a@b.co", items: [] } });
    expect(res.status).toBe(403);
    expect(calls).toBe(before);
  });

  it("answers bad bodies with 415, 400, 413 and 422 listing every problem with a pointer", async () => {
    expect((await callApi(echoRoute, { key: writeKey, body: "{}", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await callApi(echoRoute, { key: writeKey, body: '{"email": ', headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await callApi(echoRoute, { key: writeKey, body: "", method: "POST", headers: { "content-type": "application/json" } })).status).toBe(400);
    const big = await callApi(echoRoute, { key: writeKey, body: { email: "a@b.co", items: [], pad: "x".repeat(3000) } });
    expect(big.status).toBe(413);
    const invalid = await callApi(echoRoute, { key: writeKey, body: { email: "nope", items: [{ n: 1 }, { n: "two" }] } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([
      { pointer: "/email", message: "not an email" },
      { pointer: "/items/1/n", message: "a number" },
    ]);
    expect(invalid.body.detail).toBe("2 problems");
  });

  it("replays a POST with the same Idempotency-Key and body without doing it again, and refuses the key with another body", async () => {
    const first = await callApi(echoRoute, { key: writeKey, body: { email: "once@a.example", items: [] }, headers: { "idempotency-key": "k-1" } });
    expect(first.status).toBe(201);
    const again = await callApi(echoRoute, { key: writeKey, body: { email: "once@a.example", items: [] }, headers: { "idempotency-key": "k-1" } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await callApi(echoRoute, { key: writeKey, body: { email: "twice@a.example", items: [] }, headers: { "idempotency-key": "k-1" } });
    expect(other.status).toBe(422);
    const fresh = await callApi(echoRoute, { key: writeKey, body: { email: "once@a.example", items: [] }, headers: { "idempotency-key": "k-2" } });
    expect(fresh.body.call).toBe(first.body.call + 1);
    // Another workspace's key with the same Idempotency-Key is its own request.
    const elsewhere = await callApi(echoRoute, { key: bKey, body: { email: "once@a.example", items: [] }, headers: { "idempotency-key": "k-1" } });
    expect(elsewhere.body.workspaceId).toBe(b.id);
    expect((await callApi(echoRoute, { key: writeKey, body: { email: "x@a.example", items: [] }, headers: { "idempotency-key": "" } })).status).toBe(400);
  });

  it("limits requests per key with RateLimit headers and a 429 with Retry-After", async () => {
    const limited = await createTestApiKey(db, a.id, { rateLimit: 2 });
    const one = await callApi(fieldsRoute, { key: limited.secret });
    expect(one.headers.get("ratelimit-limit")).toBe("2");
    expect(one.headers.get("ratelimit-remaining")).toBe("1");
    expect(Number(one.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect((await callApi(fieldsRoute, { key: limited.secret })).status).toBe(200);
    const third = await callApi(fieldsRoute, { key: limited.secret });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(third.headers.get("ratelimit-remaining")).toBe("0");
    // Another key is not held back.
    expect((await callApi(fieldsRoute, { key: readKey })).status).toBe(200);
  });

  it("the batch limit is 5 MB", () => {
    expect(BODY_LIMITS.batch).toBe(5 * 1024 * 1024);
  });
});

describe("the OpenAPI document", () => {
  it("documents parameters, bodies, answers and the problem answers of each operation", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = buildOpenApiDocument([listFields, echo]) as any;
    expect(doc.openapi).toBe("3.1.0");
    const post = doc.paths["/test/echo"].post;
    expect(post.requestBody.content["application/json"].schema.required).toEqual(["email", "items"]);
    expect(Object.keys(post.responses).sort()).toEqual(["201", "400", "401", "403", "413", "415", "422", "429"]);
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
    expect(doc.paths["/fields"].get.responses["200"].content["application/json"].schema.properties.data.items.$ref).toBe("#/components/schemas/CustomField");
    expect(doc.components.schemas.Problem).toBeTruthy();
  });
});
