import { startSpecReceiver } from "../support/receiver";
import { createApiWorkspace, expect, problemOf, sql, test } from "./support";

// The webhook endpoints over real HTTP against the production server on PostgreSQL (which runs with
// SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1, so the spec's receiver on loopback is a valid target).
test("webhook endpoints: create, read, change, test, deliveries, retry, rotate, delete", async ({ request }) => {
  const receiver = await startSpecReceiver();
  try {
    const ws = await createApiWorkspace("api-webhooks");
    const other = await createApiWorkspace("api-webhooks-other");

    const created = await request.post("/api/v1/webhooks", { headers: ws.auth(), data: { url: receiver.url, description: "Contract", eventTypes: ["segment.entered"] } });
    expect(created.status(), await created.text()).toBe(201);
    const endpoint = await created.json();
    expect(endpoint).toMatchObject({ url: receiver.url, description: "Contract", eventTypes: ["segment.entered"], segmentIds: null, enabled: true });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(created.headers()["location"]).toBe(`/api/v1/webhooks/${endpoint.id}`);
    receiver.secret.value = endpoint.secret;

    const got = await request.get(`/api/v1/webhooks/${endpoint.id}`, { headers: ws.auth(ws.readKey) });
    expect(got.status()).toBe(200);
    expect((await got.json()).secret).toBeUndefined();
    const listed = await request.get("/api/v1/webhooks?limit=10", { headers: ws.auth(ws.readKey) });
    expect(await listed.json()).toMatchObject({ data: [{ id: endpoint.id }], nextCursor: null });

    // Another workspace's id is a 404, a read key cannot write, a private target is a 422 pointing at /url.
    await problemOf(await request.get(`/api/v1/webhooks/${endpoint.id}`, { headers: other.auth() }), 404);
    await problemOf(await request.post("/api/v1/webhooks", { headers: ws.auth(ws.readKey), data: { url: receiver.url, eventTypes: ["segment.entered"] } }), 403);
    const refused = await problemOf(await request.post("/api/v1/webhooks", { headers: ws.auth(), data: { url: "http://10.1.2.3/hook", eventTypes: ["segment.exited"] } }), 422);
    expect(refused.errors).toEqual([{ pointer: "/url", message: expect.stringMatching(/private network/) }]);

    const patched = await request.patch(`/api/v1/webhooks/${endpoint.id}`, { headers: ws.auth(), data: { eventTypes: ["segment.entered", "segment.exited"] } });
    expect(patched.status()).toBe(200);
    expect((await patched.json()).eventTypes).toEqual(["segment.entered", "segment.exited"]);

    const tested = await request.post(`/api/v1/webhooks/${endpoint.id}/test`, { headers: ws.auth() });
    expect(tested.status(), await tested.text()).toBe(200);
    const message = await tested.json();
    expect(message).toMatchObject({ type: "webhook.test", state: "delivered", attempts: 1, lastStatus: 200, responseExcerpt: "received" });
    expect(receiver.messages.map((m) => [m.id, m.verified])).toEqual([[message.id, true]]);

    const log = await request.get(`/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: ws.auth(ws.readKey) });
    expect(await log.json()).toMatchObject({ data: [{ id: message.id, type: "webhook.test", attempts: 1, lastStatus: 200 }], nextCursor: null });
    await problemOf(await request.get(`/api/v1/webhooks/${endpoint.id}/deliveries?cursor=forged.cursor`, { headers: ws.auth() }), 400);

    const retried = await request.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${message.id}/retry`, { headers: ws.auth() });
    expect(retried.status()).toBe(202);
    expect(await retried.json()).toMatchObject({ id: message.id, state: "pending" });
    await problemOf(await request.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${message.id}/retry`, { headers: other.auth() }), 404);

    const rotated = await request.post(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { headers: ws.auth() });
    expect(rotated.status()).toBe(200);
    const next = await rotated.json();
    expect(next.secret).toMatch(/^whsec_/);
    expect(next.secret).not.toBe(endpoint.secret);
    expect(Date.parse(next.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const audit = await sql<{ action: string }>(`SELECT "action" FROM "AuditLog" WHERE "workspaceId" = $1::uuid AND "entityType" = 'webhook' ORDER BY "id"`, [ws.id]);
    expect(audit.map((a) => a.action)).toEqual(["webhook.create", "webhook.update", "webhook.rotate_secret"]);

    expect((await request.delete(`/api/v1/webhooks/${endpoint.id}`, { headers: ws.auth() })).status()).toBe(204);
    await problemOf(await request.get(`/api/v1/webhooks/${endpoint.id}`, { headers: ws.auth() }), 404);

    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/webhooks")).sort()).toEqual([
      "/webhooks", "/webhooks/{id}", "/webhooks/{id}/deliveries", "/webhooks/{id}/deliveries/{messageId}/retry", "/webhooks/{id}/rotate-secret", "/webhooks/{id}/test",
    ]);
  } finally {
    await receiver.close();
  }
});
