import { randomUUID } from "node:crypto";
import { createApiWorkspace, expect, problemOf, sql, test } from "./support";

const group = (...children: unknown[]) => ({ version: 1, root: { type: "group", combinator: "and", negate: false, children } });
const inCity = (city: string) => group({ type: "field", field: "city", operator: "eq", value: city });

/** Inserts customers of a workspace in the given city (ids chosen by the caller, so they sort where the test wants). */
async function insertCustomers(workspaceId: string, ids: readonly string[], city: string): Promise<void> {
  await sql(
    `INSERT INTO "Customer" ("workspaceId", "id", "email", "externalId", "city", "country")
     SELECT $1::uuid, id, 'c-' || id::text || '@example.com', 'X-' || id::text, $3, 'PL' FROM unnest($2::uuid[]) AS id`,
    [workspaceId, ids, city],
  );
}

const idAt = (hex: string) => `${hex.repeat(8)}-${randomUUID().slice(9)}`;

// The segment endpoints over HTTP on PostgreSQL: create → get → count → members walk with concurrent
// inserts → stale PUT → delete refused while referenced, then allowed → isolation between workspaces.
test("segments: lifecycle, members walk under concurrent inserts, concurrency and isolation", async ({ request }) => {
  const a = await createApiWorkspace("api-segments-a");
  const b = await createApiWorkspace("api-segments-b");
  const initial = Array.from({ length: 40 }, () => randomUUID());
  await insertCustomers(a.id, initial, "Gdańsk");
  await insertCustomers(a.id, [randomUUID(), randomUUID()], "Kraków");
  await insertCustomers(b.id, [randomUUID()], "Gdańsk");

  // Create: 201 with Location and ETag; an invalid definition is a 422 pointing at the node.
  const created = await request.post("/api/v1/segments", { headers: a.auth(), data: { name: "Gdańsk", description: "Tri-city", definition: inCity("gdańsk") } });
  expect(created.status(), await created.text()).toBe(201);
  const seg = await created.json();
  expect(created.headers()["location"]).toBe(`/api/v1/segments/${seg.id}`);
  expect(created.headers()["etag"]).toBe('"1"');
  const invalid = await problemOf(
    await request.post("/api/v1/segments", { headers: a.auth(), data: { name: "Bad", definition: group({ type: "field", field: "country", operator: "in", value: ["Narnia"] }) } }),
    422,
  );
  expect(invalid.errors).toEqual([{ pointer: "/definition/root/children/0/value/0", message: expect.any(String) }]);
  await problemOf(await request.post("/api/v1/segments", { headers: a.auth(a.readKey), data: { name: "R", definition: inCity("x") } }), 403);

  // Get and count.
  const got = await request.get(`/api/v1/segments/${seg.id}`, { headers: a.auth(a.readKey) });
  expect(got.status()).toBe(200);
  expect(got.headers()["etag"]).toBe('"1"');
  expect(await got.json()).toMatchObject({ id: seg.id, name: "Gdańsk", description: "Tri-city", version: 1, definition: inCity("gdańsk"), updatedBy: { kind: "api_key", name: "read_write key" } });
  const counted = await request.get(`/api/v1/segments/${seg.id}/count`, { headers: a.auth(a.readKey) });
  expect((await counted.json()).count).toBe(40);
  const adHoc = await request.post("/api/v1/segments/count", { headers: a.auth(a.readKey), data: { definition: inCity("Kraków") } });
  expect(await adHoc.json()).toEqual({ count: 2, asOf: expect.any(String) });

  // Members walk, 7 a page, while matching customers are inserted concurrently with each page request,
  // sorting both before and after the cursor (and anywhere: random ids).
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/segments/${seg.id}/members?limit=7&fields=city,country${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const [page] = await Promise.all([
      request.get(url, { headers: a.auth(a.readKey) }),
      insertCustomers(a.id, [idAt("0"), idAt("f"), randomUUID(), randomUUID()], "Gdańsk"),
    ]);
    expect(page.status()).toBe(200);
    const body = await page.json();
    for (const m of body.data) expect(m).toMatchObject({ email: `c-${m.id}@example.com`, externalId: `X-${m.id}`, city: "Gdańsk", country: "PL" });
    seen.push(...body.data.map((m: { id: string }) => m.id));
    cursor = body.nextCursor;
    pages += 1;
  } while (cursor && pages < 60);
  expect(cursor).toBeNull();
  expect(new Set(seen).size).toBe(seen.length);
  for (const id of initial) expect(seen.filter((s) => s === id), id).toHaveLength(1);
  expect(seen).toEqual([...seen].sort());
  await problemOf(await request.get(`/api/v1/segments/${seg.id}/members?fields=shoeSize`, { headers: a.auth(a.readKey) }), 400);

  // Update: If-Match required, a stale version refused with who saved it, nothing overwritten.
  await problemOf(await request.put(`/api/v1/segments/${seg.id}`, { headers: a.auth(), data: { name: "No match", definition: inCity("x") } }), 428);
  const v2 = await request.put(`/api/v1/segments/${seg.id}`, { headers: { ...a.auth(), "If-Match": '"1"' }, data: { name: "Gdańsk v2", definition: inCity("Gdańsk") } });
  expect(v2.status()).toBe(200);
  expect(v2.headers()["etag"]).toBe('"2"');
  const stale = await request.put(`/api/v1/segments/${seg.id}`, { headers: { ...a.auth(), "If-Match": '"1"' }, data: { name: "Lost update", definition: inCity("x") } });
  const staleBody = await problemOf(stale, 412);
  expect(staleBody).toMatchObject({ currentVersion: 2, updatedBy: { kind: "api_key", name: "read_write key", prefix: expect.stringMatching(/^sgm_/) } });
  expect((await (await request.get(`/api/v1/segments/${seg.id}`, { headers: a.auth() })).json()).name).toBe("Gdańsk v2");

  // Delete: refused while another segment uses it (naming it), then both deleted.
  const user = await (await request.post("/api/v1/segments", { headers: a.auth(), data: { name: "Uses Gdańsk", definition: group({ type: "segment", segmentId: seg.id, operator: "in" }) } })).json();
  const refused = await problemOf(await request.delete(`/api/v1/segments/${seg.id}`, { headers: a.auth() }), 409);
  expect((refused as unknown as { referencedBy: unknown }).referencedBy).toEqual([{ id: user.id, name: "Uses Gdańsk" }]);
  const explained = await request.get(`/api/v1/segments/${user.id}/explain?customerId=${initial[0]}`, { headers: a.auth(a.readKey) });
  expect(await explained.json()).toMatchObject({ member: true, explanation: { result: true, children: [{ node: { type: "segment" }, result: true }] } });
  const dash = await request.get(`/api/v1/segments/${user.id}/dashboard`, { headers: a.auth(a.readKey) });
  expect((await dash.json()).headline).toMatchObject({ revenue: "0.00", orders: 0 });

  // Isolation: B's key gets 404 for every id of A's, exactly as for a random id, and lists none of A's segments.
  const random = randomUUID();
  const missing = await problemOf(await request.get(`/api/v1/segments/${random}`, { headers: b.auth() }), 404);
  for (const path of [`/segments/${seg.id}`, `/segments/${seg.id}/count`, `/segments/${seg.id}/members`, `/segments/${user.id}/dashboard`, `/segments/${user.id}/explain?customerId=${initial[0]}`]) {
    expect(await problemOf(await request.get(`/api/v1${path}`, { headers: b.auth() }), 404)).toEqual(missing);
  }
  expect(await problemOf(await request.delete(`/api/v1/segments/${seg.id}`, { headers: b.auth() }), 404)).toEqual(missing);
  expect(await problemOf(await request.put(`/api/v1/segments/${seg.id}`, { headers: { ...b.auth(), "If-Match": '"2"' }, data: { name: "Hijack", definition: inCity("x") } }), 404)).toEqual(missing);
  const bList = await (await request.get("/api/v1/segments", { headers: b.auth() })).json();
  expect(bList).toEqual({ data: [], nextCursor: null });
  const aList = await (await request.get("/api/v1/segments", { headers: a.auth(a.readKey) })).json();
  expect(aList.data.map((s: { name: string; count: number }) => [s.name, s.count])).toEqual([["Gdańsk v2", 40 + 4 * pages], ["Uses Gdańsk", 40 + 4 * pages]]);

  expect((await request.delete(`/api/v1/segments/${user.id}`, { headers: a.auth() })).status()).toBe(204);
  expect((await request.delete(`/api/v1/segments/${seg.id}`, { headers: a.auth() })).status()).toBe(204);
  await problemOf(await request.get(`/api/v1/segments/${seg.id}`, { headers: a.auth() }), 404);
  const audit = await sql<{ action: string; n: number }>(
    `SELECT "action", count(*)::int AS "n" FROM "AuditLog" WHERE "workspaceId" = $1 AND "entityType" = 'segment' AND "apiKeyId" IS NOT NULL GROUP BY "action" ORDER BY "action"`,
    [a.id],
  );
  expect(audit).toEqual([{ action: "segment.create", n: 2 }, { action: "segment.delete", n: 2 }, { action: "segment.update", n: 1 }]);
});
