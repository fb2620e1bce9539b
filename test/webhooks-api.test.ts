/** The webhook endpoints of /api/v1, in process (PGlite by default, PostgreSQL with DATABASE_URL), with a real receiver. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { routeHandler } from "@/lib/api/operation";
import { listWebhookDeliveriesOperation, retryWebhookDeliveryOperation, testWebhookOperation } from "@/lib/api/v1/webhook-deliveries";
import {
  createWebhookOperation, deleteWebhookOperation, getWebhookOperation, listWebhooksOperation, rotateWebhookSecretOperation, updateWebhookOperation,
} from "@/lib/api/v1/webhooks";
import { callApi, createTestApiKey } from "./support/api";
import { setupTestDb, teardownTestDb } from "./support/db";
import { insertTestCustomers, insertTestSegment, logChanges, startReceiver, type Receiver } from "./webhooks-support";

const list = routeHandler(listWebhooksOperation);
const create = routeHandler(createWebhookOperation);
const get = routeHandler(getWebhookOperation);
const patch = routeHandler(updateWebhookOperation);
const del = routeHandler(deleteWebhookOperation);
const rotate = routeHandler(rotateWebhookSecretOperation);
const test = routeHandler(testWebhookOperation);
const deliveries = routeHandler(listWebhookDeliveriesOperation);
const retry = routeHandler(retryWebhookDeliveryOperation);

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let key: string;
let keyId: string;
let readKey: string;
let bKey: string;
let receiver: Receiver;
let segment: string;

beforeAll(async () => {
  process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
  db = await setupTestDb();
  a = await createTestWorkspace(db, "hooks-a", [{ email: "admin@a.test", role: "admin" }]);
  b = await createTestWorkspace(db, "hooks-b", [{ email: "admin@b.test", role: "admin" }]);
  ({ secret: key, id: keyId } = await createTestApiKey(db, a.id));
  readKey = (await createTestApiKey(db, a.id, { access: "read" })).secret;
  bKey = (await createTestApiKey(db, b.id)).secret;
  receiver = await startReceiver();
  segment = await insertTestSegment(db, a.id, "Lapsed buyers");
});

afterAll(async () => {
  await receiver?.close();
  await teardownTestDb();
});

const createBody = (extra: Record<string, unknown> = {}) => ({ url: receiver.url, description: "CRM sync", eventTypes: ["segment.entered", "segment.exited"], ...extra });

describe("/api/v1/webhooks", () => {
  it("creates an endpoint and answers its secret once", async () => {
    const res = await callApi(create, { key, path: "/webhooks", body: createBody() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: receiver.url, description: "CRM sync", eventTypes: ["segment.entered", "segment.exited"], segmentIds: null, enabled: true, disabledReason: null });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(res.headers.get("location")).toBe(`/api/v1/webhooks/${res.body.id}`);
    const again = await callApi(get, { key, path: `/webhooks/${res.body.id}`, params: { id: res.body.id } });
    expect(again.status).toBe(200);
    expect(again.body.secret).toBeUndefined();
    expect(again.body.id).toBe(res.body.id);
    const audit = await db.prisma.auditLog.findFirst({ where: { workspaceId: a.id, action: "webhook.create", entityId: res.body.id } });
    expect(audit?.apiKeyId).toBe(keyId);
  });

  it("refuses what is not valid with every problem pointed at", async () => {
    const ssrf = await callApi(create, { key, path: "/webhooks", body: createBody({ url: "http://169.254.169.254/latest" }) });
    expect(ssrf.status).toBe(422);
    expect(ssrf.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(ssrf.body.errors).toEqual([{ pointer: "/url", message: expect.stringMatching(/cloud metadata/) }]);
    const shape = await callApi(create, { key, path: "/webhooks", body: { url: "ftp://x", eventTypes: ["segment.moved"] } });
    expect(shape.status).toBe(422);
    expect(shape.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/eventTypes/0", "/url"]);
    const foreign = await callApi(create, { key, path: "/webhooks", body: createBody({ segmentIds: [await insertTestSegment(db, b.id, "B's")] }) });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ pointer: "/segmentIds", message: expect.any(String) }]);
  });

  it("lets a read key read but not write", async () => {
    expect((await callApi(list, { key: readKey, path: "/webhooks" })).status).toBe(200);
    const res = await callApi(create, { key: readKey, path: "/webhooks", body: createBody() });
    expect(res.status).toBe(403);
  });

  it("answers another workspace's id, or a malformed one, like a missing one", async () => {
    const { body } = await callApi(create, { key, path: "/webhooks", body: createBody() });
    for (const [k, id] of [[bKey, body.id], [key, "nope"], [key, "7b0e0f5c-0000-4000-8000-000000000000"]]) {
      const res = await callApi(get, { key: k, path: `/webhooks/${id}`, params: { id } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect((await callApi(del, { key: bKey, method: "DELETE", path: `/webhooks/${body.id}`, params: { id: body.id } })).status).toBe(404);
    expect((await callApi(patch, { key: bKey, method: "PATCH", path: `/webhooks/${body.id}`, params: { id: body.id }, body: { enabled: false } })).status).toBe(404);
    expect((await callApi(deliveries, { key: bKey, path: `/webhooks/${body.id}/deliveries`, params: { id: body.id } })).status).toBe(404);
  });

  it("walks the list with cursors, each endpoint once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/webhooks?limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await callApi(list, { key, path });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const stored = await db.prisma.webhookEndpoint.findMany({ where: { workspaceId: a.id }, select: { id: true }, orderBy: { id: "asc" } });
    expect(seen).toEqual(stored.map((s) => s.id));
    expect((await callApi(list, { key: bKey, path: `/webhooks?cursor=${encodeURIComponent("abc.def")}` })).status).toBe(400);
  });

  it("changes, disables and enables an endpoint", async () => {
    const { body } = await callApi(create, { key, path: "/webhooks", body: createBody() });
    const params = { id: body.id };
    const changed = await callApi(patch, { key, method: "PATCH", path: `/webhooks/${body.id}`, params, body: { eventTypes: ["segment.exited"], segmentIds: [segment], enabled: false } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ eventTypes: ["segment.exited"], segmentIds: [segment], enabled: false, disabledReason: "Disabled through the API." });
    const enabled = await callApi(patch, { key, method: "PATCH", path: `/webhooks/${body.id}`, params, body: { enabled: true, segmentIds: null } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, segmentIds: null });
    const refused = await callApi(patch, { key, method: "PATCH", path: `/webhooks/${body.id}`, params, body: { url: "http://10.0.0.1/" } });
    expect(refused.status).toBe(422);
  });

  it("rotates the secret: a new one, the old one signing for 24 h", async () => {
    const { body } = await callApi(create, { key, path: "/webhooks", body: createBody() });
    const res = await callApi(rotate, { key, path: `/webhooks/${body.id}/rotate-secret`, params: { id: body.id }, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(body.secret);
    const expires = Date.parse(res.body.previousSecretExpiresAt) - Date.now();
    expect(expires).toBeGreaterThan(23.9 * 3600_000);
    expect(expires).toBeLessThanOrEqual(24 * 3600_000);
  });

  it("sends a test event at once, logs it, and retries a message on request", async () => {
    const { body } = await callApi(create, { key, path: "/webhooks", body: createBody() });
    receiver.secrets = [body.secret];
    receiver.received.length = 0;
    const res = await callApi(test, { key, path: `/webhooks/${body.id}/test`, params: { id: body.id }, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: "webhook.test", state: "delivered", attempts: 1, lastStatus: 200, responseExcerpt: "ok" });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].verified).toEqual([true]);
    expect(receiver.received[0].id).toBe(res.body.id);

    const [customer] = await insertTestCustomers(db.sql, a.id, 1, "api");
    await logChanges(db.sql, a.id, segment, [{ customerId: customer, kind: "entered" }]);
    const log = await callApi(deliveries, { key, path: `/webhooks/${body.id}/deliveries?limit=1`, params: { id: body.id } });
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({ type: "segment.entered", state: "pending", attempts: 0 });
    const next = await callApi(deliveries, { key, path: `/webhooks/${body.id}/deliveries?limit=1&cursor=${log.body.nextCursor}`, params: { id: body.id } });
    expect(next.body.data.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    expect(next.body.nextCursor).toBeNull();

    const again = await callApi(retry, { key, path: `/webhooks/${body.id}/deliveries/${res.body.id}/retry`, params: { id: body.id, messageId: res.body.id }, body: {} });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: res.body.id, state: "pending" });
    const missing = await callApi(retry, { key, path: "/x", params: { id: body.id, messageId: "msg_00000000000000000000000000000000" }, body: {} });
    expect(missing.status).toBe(404);
  });

  it("deletes an endpoint with its log", async () => {
    const { body } = await callApi(create, { key, path: "/webhooks", body: createBody() });
    expect((await callApi(del, { key, method: "DELETE", path: `/webhooks/${body.id}`, params: { id: body.id } })).status).toBe(204);
    expect((await callApi(get, { key, path: `/webhooks/${body.id}`, params: { id: body.id } })).status).toBe(404);
    expect(await db.prisma.auditLog.count({ where: { workspaceId: a.id, action: "webhook.delete", entityId: body.id } })).toBe(1);
  });
});
