import { createApiWorkspace, expect, problemOf, sql, test } from "./support";

// The conventions every operation shares, over real HTTP against the production server on PostgreSQL.
test("keys, rate limits, problems and the OpenAPI document over HTTP", async ({ request }) => {
  const ws = await createApiWorkspace("api-core", { rateLimit: 3 });

  const fields = await request.get("/api/v1/fields", { headers: ws.auth(ws.readKey) });
  expect(fields.status()).toBe(200);
  expect(fields.headers()["content-type"]).toMatch(/^application\/json/);
  expect(fields.headers()["ratelimit-limit"]).toBe("3");
  expect(fields.headers()["ratelimit-remaining"]).toBe("2");
  expect(await fields.json()).toEqual({ data: [] });

  const anonymous = await request.get("/api/v1/fields");
  await problemOf(anonymous, 401);
  expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
  // A session cookie never authorizes the API, and the API answers JSON, never the sign-in page.
  await problemOf(await request.get("/api/v1/fields", { headers: { Cookie: "next-auth.session-token=x" } }), 401);

  await problemOf(await request.get("/api/v1/no-such-thing", { headers: ws.auth() }), 404);
  await problemOf(await request.get("/api/v1"), 404);

  for (let i = 2; i <= 3; i++) expect((await request.get("/api/v1/fields", { headers: ws.auth(ws.readKey) })).status()).toBe(200);
  const limited = await request.get("/api/v1/fields", { headers: ws.auth(ws.readKey) });
  await problemOf(limited, 429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);

  // A revoked key is refused on the very next request; a read key cannot write.
  const other = await createApiWorkspace("api-core-revoked");
  expect((await request.get("/api/v1/fields", { headers: other.auth(other.readKey) })).status()).toBe(200);
  await sql(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE "workspaceId" = $1::uuid AND "access" = 'read'`, [other.id]);
  await problemOf(await request.get("/api/v1/fields", { headers: other.auth(other.readKey) }), 401);
  await problemOf(await request.post("/api/v1/segments/count", { headers: other.auth(other.readKey), data: {} }), 401);
  expect((await request.get("/api/v1/fields", { headers: other.auth(other.writeKey) })).status()).toBe(200);

  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const json = await doc.json();
  expect(json.openapi).toBe("3.1.0");
  expect(json.paths["/fields"].get.operationId).toBe("listFields");
  // Security headers reach the API too.
  expect(doc.headers()["x-content-type-options"]).toBe("nosniff");
});
