import { test as base, expect, type APIResponse } from "@playwright/test";
import { Pool } from "pg";
import { generateApiKey } from "@/lib/api/keys/secret";

export { expect };

/** The contract tests' database (the API server's own, on PostgreSQL; see playwright.config.ts). */
const DATABASE_URL = process.env.SEGMENTA_E2E_API_DATABASE_URL;

let pool: Pool | undefined;
function database(): Pool {
  if (!DATABASE_URL) throw new Error("SEGMENTA_E2E_API_DATABASE_URL is not set: run the API specs through playwright.config.ts.");
  pool ??= new Pool({ connectionString: DATABASE_URL, max: 2 });
  return pool;
}

export interface ApiWorkspace {
  id: string;
  slug: string;
  /** A read-write key's secret. */
  writeKey: string;
  /** A read-only key's secret. */
  readKey: string;
  /** Headers with the read-write key (and JSON). */
  auth(key?: string): Record<string, string>;
}

let made = 0;

/** A new empty workspace on the API server with a read-write and a read key (made in the database, as the page would). */
export async function createApiWorkspace(label: string, options: { rateLimit?: number } = {}): Promise<ApiWorkspace> {
  made += 1;
  const slug = `${label}-${process.pid}-${Date.now().toString(36)}-${made}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 48);
  const db = database();
  const { rows } = await db.query<{ id: string }>(`INSERT INTO "Workspace" ("slug", "name", "timeZone") VALUES ($1, $2, 'Europe/Warsaw') RETURNING "id"::text`, [slug, label]);
  const id = rows[0].id;
  const keyOf = async (access: "read" | "read_write") => {
    const key = generateApiKey();
    await db.query(`INSERT INTO "ApiKey" ("workspaceId", "name", "prefix", "hashedKey", "access", "rateLimit") VALUES ($1::uuid, $2, $3, $4, $5::"ApiKeyAccess", $6)`, [
      id, `${access} key`, key.prefix, key.hash, access, options.rateLimit ?? null,
    ]);
    return key.secret;
  };
  const writeKey = await keyOf("read_write");
  const readKey = await keyOf("read");
  return { id, slug, writeKey, readKey, auth: (key = writeKey) => ({ Authorization: `Bearer ${key}` }) };
}

/** Runs SQL on the API server's database (setup and checks only; the API is what is under test). */
export async function sql<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await database().query<T>(text, values)).rows;
}

/** The body of a problem answer, checked to be RFC 9457. */
export async function problemOf(response: APIResponse, status: number): Promise<{ type: string; title: string; status: number; detail: string; errors?: { pointer?: string; parameter?: string; message: string }[] }> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/problem\+json/);
  const body = await response.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/segmenta\.dev\/problems\//), title: expect.any(String), detail: expect.any(String) });
  return body;
}

export const test = base;

test.afterAll(async () => {
  await pool?.end();
  pool = undefined;
});
