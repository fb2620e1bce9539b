import { createApiWorkspace, expect, problemOf, sql, test } from "./support";

// Customers, orders and events over real HTTP against the production server on PostgreSQL.

type Result = { index: number; status: string; id?: string; errors?: { pointer: string; message: string }[] };

test("customers: upsert, batch, a list walk while customers are inserted, get, erase, isolation, read keys", async ({ request }) => {
  const ws = await createApiWorkspace("api-data-cust");
  const other = await createApiWorkspace("api-data-other");

  const created = await request.post("/api/v1/customers", { headers: ws.auth(), data: { email: "Ada@Example.com", externalId: "A-1", country: "pl", emailOptIn: true } });
  expect(created.status(), await created.text()).toBe(201);
  const ada = (await created.json()).data;
  expect(ada).toMatchObject({ email: "ada@example.com", country: "PL", emailOptIn: true, emailOptInSource: "api", totalSpent: "0.00" });
  const unchanged = await request.post("/api/v1/customers", { headers: ws.auth(), data: { externalId: "A-1", country: "PL" } });
  expect(unchanged.status()).toBe(200);
  expect((await unchanged.json()).status).toBe("unchanged");
  const invalid = await problemOf(await request.post("/api/v1/customers", { headers: ws.auth(), data: { email: "nope", custom: { missing: 1 } } }), 422);
  expect(invalid.errors?.map((e) => e.pointer).sort()).toEqual(["/custom/missing", "/email"]);
  await problemOf(await request.post("/api/v1/customers", { headers: ws.auth(), data: { externalId: "A-2", email: "ada@example.com" } }), 409);
  await problemOf(await request.post("/api/v1/customers", { headers: ws.auth(ws.readKey), data: { email: "r@example.com" } }), 403);
  await problemOf(await request.post("/api/v1/customers", { headers: { ...ws.auth(), "Content-Type": "application/json" }, data: Buffer.from("{not json") }), 400);
  await problemOf(await request.post("/api/v1/customers/batch", { headers: { ...ws.auth(), "Content-Type": "text/csv" }, data: Buffer.from("email\na@b.c") }), 415);
  await problemOf(await request.post("/api/v1/customers/batch", { headers: ws.auth(), data: { data: [{ email: "x@example.com", firstName: "x".repeat(6 * 1024 * 1024) }] } }), 413);

  // A batch with good and bad records; then 4 concurrent batches overlapping on half their customers.
  const mixed = await request.post("/api/v1/customers/batch", { headers: ws.auth(), data: { data: [{ email: "b0@example.com" }, { email: "bad" }, { email: "B0@example.com" }, { email: "b3@example.com", emailOptIn: "yes please" }] } });
  expect(mixed.status()).toBe(200);
  const mixedBody = await mixed.json();
  expect(mixedBody.data.map((r: Result) => r.status)).toEqual(["created", "failed", "failed", "failed"]);
  expect(mixedBody.data[3].errors[0].pointer).toBe("/data/3/emailOptIn");

  const concurrent = await Promise.all(
    [0, 1, 2, 3].map((n) =>
      request.post("/api/v1/customers/batch", { headers: ws.auth(), data: { data: Array.from({ length: 200 }, (_, i) => ({ email: `c${(n % 2) * 100 + i}@example.com`, firstName: `F${n}` })) } }),
    ),
  );
  for (const res of concurrent) expect(res.status(), await res.text()).toBe(200);
  const summaries = await Promise.all(concurrent.map(async (r) => (await r.json()).summary));
  expect(summaries.reduce((n, s) => n + s.created, 0)).toBe(300);
  expect(summaries.every((s) => s.failed === 0 && s.created + s.updated + s.unchanged === 200)).toBe(true);
  const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "workspaceId" = $1::uuid`, [ws.id]);
  expect(n).toBe(302);

  // Walk the list in pages of 7 while another client inserts customers: every customer that existed
  // for the whole walk is seen exactly once.
  const before = (await sql<{ id: string }>(`SELECT "id"::text AS id FROM "Customer" WHERE "workspaceId" = $1::uuid`, [ws.id])).map((r) => r.id);
  const seen: string[] = [];
  let cursor: string | null = null;
  let inserted = 0;
  do {
    const page = await request.get(`/api/v1/customers?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: ws.auth(ws.readKey) });
    expect(page.status()).toBe(200);
    const body: { data: { id: string }[]; nextCursor: string | null } = await page.json();
    seen.push(...body.data.map((c) => c.id));
    cursor = body.nextCursor;
    if (inserted < 10) {
      inserted += 1;
      await request.post("/api/v1/customers/batch", { headers: ws.auth(), data: { data: Array.from({ length: 5 }, (_, i) => ({ email: `walk${inserted}-${i}@example.com` })) } });
    }
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  for (const id of before) expect(seen).toContain(id);

  // Filters and lookups; another workspace sees none of it.
  const byEmail = await (await request.get("/api/v1/customers?email=ada@example.com", { headers: ws.auth(ws.readKey) })).json();
  expect(byEmail.data.map((c: { id: string }) => c.id)).toEqual([ada.id]);
  const poles = { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "country", operator: "in", value: ["PL"] }] } };
  const [segment] = await sql<{ id: string }>(`INSERT INTO "Segment" ("workspaceId", "name", "definition") VALUES ($1::uuid, 'Poles', $2::jsonb) RETURNING "id"::text AS id`, [ws.id, JSON.stringify(poles)]);
  const members = await (await request.get(`/api/v1/customers?segment=${segment.id}&limit=200`, { headers: ws.auth(ws.readKey) })).json();
  expect(members.data.map((c: { id: string }) => c.id)).toEqual([ada.id]);
  await problemOf(await request.get(`/api/v1/customers?segment=${segment.id}`, { headers: other.auth() }), 404);
  const since = await (await request.get(`/api/v1/customers?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { headers: ws.auth(ws.readKey) })).json();
  expect(since).toEqual({ data: [], nextCursor: null });
  await problemOf(await request.get("/api/v1/customers?limit=500", { headers: ws.auth(ws.readKey) }), 400);
  await problemOf(await request.get("/api/v1/customers?cursor=forged.cursor", { headers: ws.auth(ws.readKey) }), 400);
  await problemOf(await request.get(`/api/v1/customers?segment=${ada.id}`, { headers: ws.auth(ws.readKey) }), 404);
  expect(await (await request.get("/api/v1/customers", { headers: other.auth(other.readKey) })).json()).toEqual({ data: [], nextCursor: null });
  expect((await (await request.get("/api/v1/customers?email=ada@example.com", { headers: other.auth() })).json()).data).toEqual([]);
  await problemOf(await request.get(`/api/v1/customers/${ada.id}`, { headers: other.auth() }), 404);
  await problemOf(await request.get(`/api/v1/customers/${ada.id}/orders`, { headers: other.auth() }), 404);
  await problemOf(await request.delete(`/api/v1/customers/${ada.id}`, { headers: other.auth() }), 404);
  await problemOf(await request.get("/api/v1/customers/not-an-id", { headers: ws.auth() }), 404);

  const got = await request.get(`/api/v1/customers/${ada.id}`, { headers: ws.auth(ws.readKey) });
  expect((await got.json()).id).toBe(ada.id);
  await problemOf(await request.delete(`/api/v1/customers/${ada.id}`, { headers: ws.auth(ws.readKey) }), 403);
  expect((await request.delete(`/api/v1/customers/${ada.id}`, { headers: ws.auth() })).status()).toBe(204);
  await problemOf(await request.get(`/api/v1/customers/${ada.id}`, { headers: ws.auth() }), 404);
});

test("orders and events: idempotent retries, derived stats in step under concurrent batches, per-record failures", async ({ request }) => {
  const ws = await createApiWorkspace("api-data-orders");
  const other = await createApiWorkspace("api-data-orders-b");
  const people = await (await request.post("/api/v1/customers/batch", { headers: ws.auth(), data: { data: Array.from({ length: 10 }, (_, i) => ({ email: `p${i}@example.com`, externalId: `P-${i}` })) } })).json();
  const ids: string[] = people.data.map((r: Result) => r.id);
  const bee = (await (await request.post("/api/v1/customers", { headers: other.auth(), data: { email: "bee@example.com" } })).json()).data.id;

  // Four clients at once, each 100 orders spread over the same 10 customers.
  const batches = [0, 1, 2, 3].map((n) => ({
    data: Array.from({ length: 100 }, (_, i) => ({ id: `O-${n}-${i}`, customerEmail: `p${i % 10}@example.com`, placedAt: `2026-11-${String((i % 28) + 1).padStart(2, "0")}T10:00:00Z`, items: [{ name: "Thing", quantity: 1 + (i % 3), unitPrice: `${n + 1}.25` }] })),
  }));
  const answers = await Promise.all(batches.map((data) => request.post("/api/v1/orders/batch", { headers: ws.auth(), data })));
  for (const res of answers) {
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).summary).toEqual({ created: 100, updated: 0, unchanged: 0, failed: 0 });
  }
  const stale = await sql<{ id: string }>(
    `SELECT c."id"::text AS id FROM "Customer" c
       LEFT JOIN (SELECT "customerId", count(*)::int AS n, sum("total") AS s, min("placedAt") AS f, max("placedAt") AS l FROM "Order" WHERE "workspaceId" = $1::uuid AND "status" = 'paid' GROUP BY 1) o ON o."customerId" = c."id"
      WHERE c."workspaceId" = $1::uuid AND (c."ordersCount", c."totalSpent", c."firstOrderAt", c."lastOrderAt") IS DISTINCT FROM (COALESCE(o.n, 0), COALESCE(o.s, 0), o.f, o.l)`,
    [ws.id],
  );
  expect(stale).toEqual([]);

  // A retried batch is unchanged; a refund is an update and the stats follow.
  const retry = await (await request.post("/api/v1/orders/batch", { headers: ws.auth(), data: batches[0] })).json();
  expect(retry.summary).toEqual({ created: 0, updated: 0, unchanged: 100, failed: 0 });
  const refund = await request.post("/api/v1/orders", { headers: ws.auth(), data: { ...batches[0].data[0], status: "refunded" } });
  expect(refund.status()).toBe(200);
  expect((await refund.json()).status).toBe("updated");
  const p0 = await (await request.get(`/api/v1/customers/${ids[0]}`, { headers: ws.auth(ws.readKey) })).json();
  expect(p0.ordersCount).toBe(39);
  const [{ total }] = await sql<{ total: string }>(`SELECT COALESCE(sum("total"), 0)::numeric(14,2)::text AS total FROM "Order" WHERE "workspaceId" = $1::uuid AND "customerId" = $2::uuid AND "status" = 'paid'`, [ws.id, ids[0]]);
  expect(p0.totalSpent).toBe(total);

  const failures = await (await request.post("/api/v1/orders/batch", { headers: ws.auth(), data: { data: [{ id: "X-1", customerId: bee, placedAt: "2026-11-01T00:00:00Z", total: 1 }, { id: "X-2", customerEmail: "p1@example.com", placedAt: "soon", total: 1 }, { id: "X-3", customerExternalId: "P-2", placedAt: "2026-11-01T00:00:00Z", total: "1.999" }] } })).json();
  expect(failures.data.map((r: Result) => r.errors?.[0].pointer)).toEqual(["/data/0/customerId", "/data/1/placedAt", "/data/2/total"]);

  const page = await (await request.get(`/api/v1/customers/${ids[1]}/orders?limit=200`, { headers: ws.auth(ws.readKey) })).json();
  expect(page.data.length).toBe(40);
  const times = page.data.map((o: { placedAt: string }) => o.placedAt);
  expect([...times].sort().reverse()).toEqual(times);
  await problemOf(await request.post("/api/v1/orders/batch", { headers: ws.auth(ws.readKey), data: batches[0] }), 403);

  // Events: a retry with the same Idempotency-Key replays; the same eventIds again are unchanged.
  const events = { data: Array.from({ length: 50 }, (_, i) => ({ eventId: `e-${i}`, name: "viewed", occurredAt: "2026-12-01T10:00:00Z", customerExternalId: `P-${i % 10}`, properties: { i } })) };
  const first = await request.post("/api/v1/events/batch", { headers: { ...ws.auth(), "Idempotency-Key": "events-1" }, data: events });
  expect((await first.json()).summary).toEqual({ created: 50, updated: 0, unchanged: 0, failed: 0 });
  const replay = await request.post("/api/v1/events/batch", { headers: { ...ws.auth(), "Idempotency-Key": "events-1" }, data: events });
  expect(replay.headers()["idempotent-replayed"]).toBe("true");
  await problemOf(await request.post("/api/v1/events/batch", { headers: { ...ws.auth(), "Idempotency-Key": "events-1" }, data: { data: events.data.slice(1) } }), 422);
  const again = await (await request.post("/api/v1/events/batch", { headers: ws.auth(), data: { data: [...events.data, { name: "viewed", occurredAt: "2026-12-01T10:00:00Z", customerId: bee }] } })).json();
  expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 50, failed: 1 });
  const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Event" WHERE "workspaceId" = $1::uuid`, [ws.id]);
  expect(n).toBe(50);
  await problemOf(await request.post("/api/v1/events/batch", { headers: ws.auth(ws.readKey), data: events }), 403);
});
