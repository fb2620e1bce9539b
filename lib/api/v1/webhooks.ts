/**
 * Webhook endpoints over the API (API.md, "Webhook endpoints"): create (the secret is in that answer
 * only), list, get, change, delete and rotate the secret. Everything goes through lib/webhooks, so
 * the SSRF check, the audit entries and the page's rules are the same for both.
 */
import "server-only";
import { z } from "zod";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhooks/mutations";
import { getWebhookEndpointOrThrow, listWebhookEndpointPage } from "@/lib/webhooks/queries";
import { webhookIdSchema } from "@/lib/webhooks/schemas";
import type { WebhookEndpointRow, WebhooksContext } from "@/lib/webhooks/types";
import { decodeCursor, encodeCursor, pageSchema } from "../cursor";
import { defineOperation, type ApiContext } from "../operation";
import { ApiProblem } from "../problem";
import {
  createdWebhookEndpointSchema, createWebhookBodySchema, updateWebhookBodySchema, webhookEndpointSchema, webhookListQuerySchema, webhookParamsSchema,
} from "./webhooks-schemas";

export const WEBHOOKS_TAG = "Webhooks";

/** The webhook library's context for a key: the API already checked read or write access. */
export function webhooksContext(ctx: ApiContext): WebhooksContext {
  return { workspaceId: ctx.workspaceId, userId: null, role: ctx.role, apiKeyId: ctx.apiKeyId };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An endpoint as the API answers it. */
export function endpointBody(e: WebhookEndpointRow): z.output<typeof webhookEndpointSchema> {
  return {
    id: e.id, url: e.url, description: e.description, eventTypes: e.eventTypes, segmentIds: e.segmentIds, enabled: e.enabled,
    disabledReason: e.disabledReason, disabledAt: iso(e.disabledAt), failingSince: iso(e.failingSince), previousSecretExpiresAt: iso(e.previousSecretExpiresAt),
    createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
  };
}

const listScope = (ctx: ApiContext) => `${ctx.workspaceId}:webhooks`;
const cursorKey = z.tuple([webhookIdSchema]);

export const listWebhooksOperation = defineOperation({
  operationId: "listWebhooks",
  method: "GET",
  path: "/webhooks",
  tag: WEBHOOKS_TAG,
  summary: "List webhook endpoints",
  description: "The workspace's webhook endpoints by id, a cursor page at a time. Secrets are never listed.",
  access: "read",
  query: webhookListQuerySchema,
  responses: { 200: { description: "A page of endpoints.", schema: pageSchema(webhookEndpointSchema) } },
  async handle(ctx, { query }) {
    let after: string | null = null;
    if (query.cursor) {
      const key = cursorKey.safeParse(decodeCursor(listScope(ctx), query.cursor));
      if (!key.success) throw new ApiProblem(400, "The cursor is not valid here.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
      after = key.data[0];
    }
    const rows = await listWebhookEndpointPage(webhooksContext(ctx), after, query.limit);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { body: { data: page.map(endpointBody), nextCursor: rows.length > query.limit && last ? encodeCursor(listScope(ctx), [last.id]) : null } };
  },
});

export const createWebhookOperation = defineOperation({
  operationId: "createWebhook",
  method: "POST",
  path: "/webhooks",
  tag: WEBHOOKS_TAG,
  summary: "Add a webhook endpoint",
  description:
    "Messages of the chosen types (segment.entered, segment.exited) for the chosen segments (none: every segment) are POSTed to the URL, signed as " +
    "Standard Webhooks v1. The answer carries the secret (whsec_…), which no later answer repeats. A URL whose host resolves to a private, " +
    "link-local, loopback or metadata address is refused (422).",
  access: "write",
  body: createWebhookBodySchema,
  responses: { 201: { description: "Created, with its secret.", schema: createdWebhookEndpointSchema, headers: { Location: { description: "The endpoint's URL." } } } },
  async handle(ctx, { body }) {
    const { endpoint, secret } = await createWebhookEndpoint(webhooksContext(ctx), body);
    return { status: 201, body: { ...endpointBody(endpoint), secret }, headers: { Location: `/api/v1/webhooks/${endpoint.id}` } };
  },
});

export const getWebhookOperation = defineOperation({
  operationId: "getWebhook",
  method: "GET",
  path: "/webhooks/{id}",
  tag: WEBHOOKS_TAG,
  summary: "Get a webhook endpoint",
  access: "read",
  params: webhookParamsSchema,
  resource: "webhook endpoint",
  responses: { 200: { description: "The endpoint (without its secret).", schema: webhookEndpointSchema } },
  async handle(ctx, { params }) {
    return { body: endpointBody(await getWebhookEndpointOrThrow(webhooksContext(ctx), params.id)) };
  },
});

export const updateWebhookOperation = defineOperation({
  operationId: "updateWebhook",
  method: "PATCH",
  path: "/webhooks/{id}",
  tag: WEBHOOKS_TAG,
  summary: "Change a webhook endpoint",
  description: "Changes what the body gives: url (checked like on creation), description, eventTypes, segmentIds (null: every segment), enabled.",
  access: "write",
  params: webhookParamsSchema,
  resource: "webhook endpoint",
  body: updateWebhookBodySchema,
  responses: { 200: { description: "The endpoint as it is now.", schema: webhookEndpointSchema } },
  async handle(ctx, { params, body }) {
    return { body: endpointBody(await updateWebhookEndpoint(webhooksContext(ctx), params.id, body)) };
  },
});

export const deleteWebhookOperation = defineOperation({
  operationId: "deleteWebhook",
  method: "DELETE",
  path: "/webhooks/{id}",
  tag: WEBHOOKS_TAG,
  summary: "Delete a webhook endpoint",
  description: "Deletes the endpoint with its waiting messages and delivery log.",
  access: "write",
  params: webhookParamsSchema,
  resource: "webhook endpoint",
  responses: { 204: { description: "Deleted." } },
  async handle(ctx, { params }) {
    await deleteWebhookEndpoint(webhooksContext(ctx), params.id);
    return { status: 204 };
  },
});

export const rotateWebhookSecretOperation = defineOperation({
  operationId: "rotateWebhookSecret",
  method: "POST",
  path: "/webhooks/{id}/rotate-secret",
  tag: WEBHOOKS_TAG,
  summary: "Rotate a webhook endpoint's secret",
  description: "A new secret, in this answer only. The previous one keeps signing beside it for 24 h (webhook-signature then carries both), so receivers can switch without losing a message.",
  access: "write",
  params: webhookParamsSchema,
  resource: "webhook endpoint",
  responses: { 200: { description: "The endpoint with its new secret.", schema: createdWebhookEndpointSchema } },
  async handle(ctx, { params }) {
    const { endpoint, secret } = await rotateWebhookSecret(webhooksContext(ctx), params.id);
    return { body: { ...endpointBody(endpoint), secret } };
  },
});
