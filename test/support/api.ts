import type { Db } from "@/lib/db/client";
import type { ApiAccess } from "@/lib/api/keys/authenticate";
import { generateApiKey } from "@/lib/api/keys/secret";

/** A key of the workspace, stored as the app stores one (only its hash); returns the secret and id. */
export async function createTestApiKey(db: Db, workspaceId: string, options: { access?: ApiAccess; name?: string; rateLimit?: number } = {}): Promise<{ id: string; secret: string }> {
  const key = generateApiKey();
  const { id } = await db.prisma.apiKey.create({
    data: { workspaceId, name: options.name ?? `test ${key.prefix}`, prefix: key.prefix, hashedKey: key.hash, access: options.access ?? "read_write", rateLimit: options.rateLimit ?? null },
    select: { id: true },
  });
  return { id, secret: key.secret };
}

type Handler = (request: Request, route: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface ApiCall {
  key?: string | null;
  /** Query string and path after /api/v1, e.g. "/customers?limit=2". */
  path?: string;
  params?: Record<string, string>;
  /** A value sent as JSON, or a string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  method?: string;
}

// A parsed JSON answer: tests read it field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Calls a route handler as Next would, with a Request to http://test/api/v1…; returns the status, headers and parsed body. */
export async function callApi(handler: Handler, call: ApiCall = {}): Promise<{ status: number; headers: Headers; body: Json }> {
  const headers = new Headers(call.headers);
  if (call.key) headers.set("authorization", `Bearer ${call.key}`);
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const method = call.method ?? (body !== undefined ? "POST" : "GET");
  const request = new Request(`http://test/api/v1${call.path ?? "/"}`, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
