import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addressLimitKey, clientAddress } from "@/lib/http/client-address";
import { readJsonBody, BODY_LIMITS } from "./body";
import { claimIdempotencyKey, requestHash } from "./idempotency";
import { authenticateApiKey, type ApiContext } from "./keys/authenticate";
import { bodyProblems, parameterProblems } from "./pointer";
import { ApiProblem, notFoundProblem, validationProblem, type ProblemItem } from "./problem";
import { consumeRequest, rateLimitHeaders, type RateLimitState } from "./rate-limit";

export type { ApiContext } from "./keys/authenticate";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler answers: a JSON body with a status (200 by default) and headers, or a Response of its own. */
export type ApiReply = { status?: number; body?: unknown; headers?: Record<string, string> } | Response;

export interface OperationResponse {
  description: string;
  /** The body's schema (JSON); none for 204. */
  schema?: z.ZodType;
  headers?: Record<string, { description: string }>;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface OperationInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: Request;
  db: Db;
}

/**
 * One operation of the public API: how it is reached and documented (method, path, summary, the zod
 * schemas of its parameters, body and answers) and what it does. The same schemas parse the
 * request and write the OpenAPI document (lib/api/openapi.ts), so the two cannot drift apart.
 */
export interface Operation<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1, e.g. "/customers/{id}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** "write" needs a read-write key. */
  access: "read" | "write";
  params?: P;
  /** What the path's id names ("customer"): a malformed id gets the same 404 as a missing one. */
  resource?: string;
  query?: Q;
  body?: B;
  /** Body limit in bytes (default 1 MB; batches 5 MB). */
  bodyLimit?: number;
  /** Successful answers by status. Error answers are added to the document from what the operation takes. */
  responses: Record<number, OperationResponse>;
  /** Extra error statuses this operation answers besides the common ones (e.g. 409, 412). */
  errors?: Partial<Record<number, string>>;
  handle(ctx: ApiContext, input: OperationInput<Out<P>, Out<Q>, Out<B>>): Promise<ApiReply>;
}

/** Declares an operation (only for type inference). */
export function defineOperation<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  operation: Operation<P, Q, B>,
): Operation<P, Q, B> {
  return operation;
}

// Any operation, for lists and the document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function unauthorized(detail: string): ApiProblem {
  return new ApiProblem(401, detail, { headers: { "WWW-Authenticate": 'Bearer realm="Segmenta API"' } });
}

const APP_ERROR_STATUS = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  timeout: 503,
} as const;

/** A domain error (AppError, a zod error from a shared parser) as the API's problem. */
export function toProblem(e: unknown): ApiProblem | null {
  if (e instanceof ApiProblem) return e;
  if (e instanceof AppError) {
    const errors: ProblemItem[] | undefined = e.fieldErrors ? Object.entries(e.fieldErrors).map(([field, message]) => ({ pointer: `/${field}`, message })) : undefined;
    return new ApiProblem(APP_ERROR_STATUS[e.code], e.message, errors ? { errors } : {});
  }
  if (e instanceof z.ZodError) return validationProblem(bodyProblems(e));
  return null;
}

function searchParamsObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function jsonResponse(reply: Exclude<ApiReply, Response>): Response {
  const status = reply.status ?? 200;
  if (status === 204) return new Response(null, { status, headers: reply.headers });
  return new Response(JSON.stringify(reply.body ?? null), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...reply.headers },
  });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The route handler of an operation: key → rate limit → access → parameters → body → idempotency →
 * the operation. Every refusal is a problem document; anything unexpected is a 500 that says
 * nothing about the internals (and is logged). Every answer carries the RateLimit-* headers.
 */
export function routeHandler(operation: AnyOperation): (request: Request, route: RouteContext) => Promise<Response> {
  return async (request, route) => {
    let limits: Record<string, string> = {};
    let claim: Awaited<ReturnType<typeof claimIdempotencyKey>> | undefined;
    try {
      const db = await getDb();
      const url = new URL(request.url);

      const authorization = request.headers.get("authorization");
      const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
      const ctx = token ? await authenticateApiKey(db, token) : null;
      const rate: RateLimitState = ctx
        ? await consumeRequest(db, `key:${ctx.apiKeyId}`, ctx.rateLimit)
        : await consumeRequest(db, `addr:${addressLimitKey(clientAddress(request.headers))}`);
      limits = rateLimitHeaders(rate);
      if (rate.limited) throw new ApiProblem(429, `Rate limit of ${rate.limit} requests reached; try again in ${rate.resetS} s.`);
      if (!authorization) throw unauthorized("Send your API key as Authorization: Bearer sgm_… .");
      if (!token) throw unauthorized("The Authorization header must be Bearer followed by your API key.");
      if (!ctx) throw unauthorized("This API key is not valid: it may have been revoked, or mistyped.");
      if (operation.access === "write" && ctx.access !== "read_write") {
        throw new ApiProblem(403, "This API key can only read. Create a read-write key to change data.");
      }

      let params: unknown = undefined;
      if (operation.params) {
        const parsed = operation.params.safeParse(await route.params);
        // A malformed id is a missing one: the same 404 as an id of another workspace.
        if (!parsed.success) throw operation.resource ? notFoundProblem(operation.resource) : new ApiProblem(404, "Not found in this workspace.");
        params = parsed.data;
      }
      let query: unknown = undefined;
      if (operation.query) {
        const parsed = operation.query.safeParse(searchParamsObject(url));
        if (!parsed.success) throw new ApiProblem(400, "A query parameter is not valid.", { errors: parameterProblems(parsed.error) });
        query = parsed.data;
      }
      let body: unknown = undefined;
      let text = "";
      if (operation.body) {
        const read = await readJsonBody(request, operation.bodyLimit ?? BODY_LIMITS.default);
        text = read.text;
        const parsed = operation.body.safeParse(read.json);
        if (!parsed.success) throw validationProblem(bodyProblems(parsed.error));
        body = parsed.data;
      }

      const idempotencyKey = request.headers.get("idempotency-key");
      if (idempotencyKey !== null && operation.method === "POST") {
        claim = await claimIdempotencyKey(db, ctx, idempotencyKey, requestHash(operation.method, `${url.pathname}${url.search}`, text));
        if (claim.kind === "replay") return withHeaders(claim.response, limits);
      }

      const reply = await operation.handle(ctx, { params, query, body, request, db });
      const response = reply instanceof Response ? reply : jsonResponse(reply);
      if (claim?.kind === "new") await claim.finish(response);
      return withHeaders(response, limits);
    } catch (e) {
      const problem = toProblem(e);
      const response = problem ? problem.response() : internalError(operation, e);
      if (claim?.kind === "new") await claim.finish(response).catch(() => undefined);
      return withHeaders(response, limits);
    }
  };
}

function internalError(operation: AnyOperation, e: unknown): Response {
  console.error(`API ${operation.operationId} failed:`, e);
  return new ApiProblem(500, "Something went wrong on our side. Try again; tell us if it keeps happening.").response();
}
