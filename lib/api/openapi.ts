import { z } from "zod";
import type { AnyOperation } from "./operation";
import { BODY_LIMITS } from "./body";

/**
 * The OpenAPI 3.1 document of the public API, written from the operations themselves: their zod
 * schemas become JSON Schema 2020-12 (OpenAPI 3.1's dialect) with zod's own converter, so the
 * document describes exactly what the server parses. Schemas with a `.meta({ id })` become shared
 * components.
 */
type Json = Record<string, unknown>;

const problemSchema = z
  .object({
    type: z.string().meta({ example: "https://segmenta.dev/problems/validation" }),
    title: z.string().meta({ example: "The request is not valid" }),
    status: z.number().int().meta({ example: 422 }),
    detail: z.string().meta({ example: "1 problem" }),
    errors: z
      .array(z.object({ pointer: z.string().optional().meta({ description: "JSON Pointer into the body." }), parameter: z.string().optional().meta({ description: "The query, path or header parameter." }), message: z.string() }))
      .optional()
      .meta({ example: [{ pointer: "/email", message: "Enter a valid email address." }] }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON, a bad query parameter or cursor.",
  401: "Missing, unknown or revoked API key.",
  403: "A read key on a write operation.",
  404: "No such resource in this workspace (another workspace's id answers the same).",
  409: "Conflicts with the current state.",
  412: "The If-Match version is stale.",
  413: "The body is over the limit.",
  415: "The body is not JSON.",
  422: "The request is not valid: every problem listed, each with a JSON Pointer.",
  428: "If-Match is required.",
  429: "Rate limited: see Retry-After.",
};

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed per window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
};

class Components {
  readonly schemas: Record<string, Json> = {};

  /** The JSON Schema of `schema` for reading (io "input": requests) or writing (io "output": answers). */
  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    // A definition may refer to others: compare them as they will be stored (refs rewritten), so a
    // shared schema holding a $ref is not taken for a different one.
    const rewriteWith = (value: Json, names: Map<string, string>): Json => {
      let text = JSON.stringify(value);
      for (const [id, name] of names) text = text.replaceAll(`"#/$defs/${id}"`, `"#/components/schemas/${name}"`);
      return JSON.parse(text) as Json;
    };
    const plain = new Map(Object.keys(defs).map((id) => [id, id]));
    const names = new Map<string, string>();
    for (const [id, def] of Object.entries(defs)) {
      const existing = this.schemas[id];
      const differs = existing !== undefined && JSON.stringify(existing) !== JSON.stringify(rewriteWith(def, plain));
      names.set(id, differs ? `${id}${io === "input" ? "Input" : "Output"}` : id);
    }
    const rewrite = (value: Json) => rewriteWith(value, names);
    for (const [id, def] of Object.entries(defs)) this.schemas[names.get(id)!] ??= rewrite(def);
    return rewrite(json);
  }
}

function parameters(components: Components, schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const json = components.convert(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function errorStatuses(operation: AnyOperation): number[] {
  const statuses = new Set<number>([401, 429]);
  if (operation.access === "write") statuses.add(403);
  if (operation.params) statuses.add(404);
  if (operation.query) statuses.add(400);
  if (operation.body) for (const s of [400, 413, 415, 422]) statuses.add(s);
  for (const s of Object.keys(operation.errors ?? {})) statuses.add(Number(s));
  return [...statuses].sort((a, b) => a - b);
}

function operationObject(components: Components, operation: AnyOperation): Json {
  const responses: Json = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    responses[status] = {
      description: response.description,
      headers: { ...RATE_LIMIT_HEADERS, ...Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, h]) => [name, { description: h.description, schema: { type: "string" } }])) },
      ...(response.schema ? { content: { "application/json": { schema: components.convert(response.schema, "output") } } } : {}),
    };
  }
  for (const status of errorStatuses(operation)) {
    responses[String(status)] = {
      description: operation.errors?.[status] ?? ERROR_DESCRIPTIONS[status] ?? "Error.",
      headers: status === 429 ? { ...RATE_LIMIT_HEADERS, "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } : RATE_LIMIT_HEADERS,
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
  }
  const headerParameters: Json[] = [];
  if (operation.method === "POST") {
    headerParameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Retry safely: the same key and body within 24 h returns the first answer without doing the work again.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.access === "write" ? { "x-segmenta-access": "read-write" } : { "x-segmenta-access": "read" }),
    parameters: [...parameters(components, operation.params, "path"), ...parameters(components, operation.query, "query"), ...headerParameters],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            description: `JSON, at most ${(operation.bodyLimit ?? BODY_LIMITS.default) / (1024 * 1024)} MB.`,
            content: { "application/json": { schema: components.convert(operation.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(operations: readonly AnyOperation[], options: { serverUrl?: string } = {}): Json {
  const components = new Components();
  components.convert(problemSchema, "output");
  const paths: Record<string, Json> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(components, operation);
  }
  const tags = [...new Set(operations.map((o) => o.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Segmenta API",
      version: "1",
      description:
        "Customers, orders, events and segments of one workspace. Authenticate with `Authorization: Bearer sgm_…` " +
        "(an admin creates keys under API keys). Errors are RFC 9457 problem documents; lists are cursor pages; " +
        "any POST may carry an Idempotency-Key. Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.",
    },
    servers: [{ url: options.serverUrl ?? "/api/v1" }],
    security: [{ bearer: [] }],
    tags,
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key: sgm_ followed by 43 characters." } },
      schemas: components.schemas,
    },
  };
}
