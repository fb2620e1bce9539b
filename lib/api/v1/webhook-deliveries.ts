/**
 * The delivery log over the API: a page of an endpoint's messages (newest first), "send a test
 * event" (attempted at once; the answer is the message after that attempt) and a retry of one
 * message (queued now, with the same webhook-id).
 */
import "server-only";
import { z } from "zod";
import { retryDelivery, sendTestEvent } from "@/lib/webhooks/deliveries";
import { listWebhookDeliveries } from "@/lib/webhooks/queries";
import { webhookMessageIdSchema } from "@/lib/webhooks/schemas";
import type { WebhookDeliveryRow } from "@/lib/webhooks/types";
import { decodeCursor, encodeCursor, pageSchema } from "../cursor";
import { defineOperation, type ApiContext } from "../operation";
import { ApiProblem } from "../problem";
import { WEBHOOKS_TAG, webhooksContext } from "./webhooks";
import { webhookDeliverySchema, webhookListQuerySchema, webhookMessageParamsSchema, webhookParamsSchema } from "./webhooks-schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A message of the delivery log as the API answers it. */
export function deliveryBody(d: WebhookDeliveryRow): z.output<typeof webhookDeliverySchema> {
  return {
    id: d.id, type: d.type, state: d.state, attempts: d.attempts, lastStatus: d.lastStatus, lastError: d.lastError, durationMs: d.durationMs,
    responseExcerpt: d.responseExcerpt, nextAttemptAt: iso(d.nextAttemptAt), deliveredAt: iso(d.deliveredAt), createdAt: d.createdAt.toISOString(),
  };
}

const scope = (ctx: ApiContext, endpointId: string) => `${ctx.workspaceId}:webhooks:${endpointId}:deliveries`;
const cursorKey = z.tuple([webhookMessageIdSchema]);

export const listWebhookDeliveriesOperation = defineOperation({
  operationId: "listWebhookDeliveries",
  method: "GET",
  path: "/webhooks/{id}/deliveries",
  tag: WEBHOOKS_TAG,
  summary: "List an endpoint's deliveries",
  description: "The endpoint's messages, newest first (message ids sort by creation), with attempts, the last status, duration and answer excerpt, and the next attempt.",
  access: "read",
  params: webhookParamsSchema,
  resource: "webhook endpoint",
  query: webhookListQuerySchema,
  responses: { 200: { description: "A page of messages.", schema: pageSchema(webhookDeliverySchema) } },
  async handle(ctx, { params, query }) {
    let before: string | null = null;
    if (query.cursor) {
      const key = cursorKey.safeParse(decodeCursor(scope(ctx, params.id), query.cursor));
      if (!key.success) throw new ApiProblem(400, "The cursor is not valid here.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
      before = key.data[0];
    }
    const rows = await listWebhookDeliveries(webhooksContext(ctx), params.id, { beforeId: before, limit: query.limit });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { body: { data: page.map(deliveryBody), nextCursor: rows.length > query.limit && last ? encodeCursor(scope(ctx, params.id), [last.id]) : null } };
  },
});

export const testWebhookOperation = defineOperation({
  operationId: "testWebhook",
  method: "POST",
  path: "/webhooks/{id}/test",
  tag: WEBHOOKS_TAG,
  summary: "Send a test event",
  description:
    'Sends a message of type "webhook.test" to the endpoint at once (disabled or not) and answers it after that attempt: delivered, or pending with ' +
    "the error, to be retried like any other. It appears in the delivery log.",
  access: "write",
  params: webhookParamsSchema,
  resource: "webhook endpoint",
  responses: { 200: { description: "The test message after its first attempt.", schema: webhookDeliverySchema } },
  async handle(ctx, { params }) {
    return { body: deliveryBody(await sendTestEvent(webhooksContext(ctx), params.id)) };
  },
});

export const retryWebhookDeliveryOperation = defineOperation({
  operationId: "retryWebhookDelivery",
  method: "POST",
  path: "/webhooks/{id}/deliveries/{messageId}/retry",
  tag: WEBHOOKS_TAG,
  summary: "Send a message again",
  description: "Queues one more attempt of the message now (a delivered or failed one too), with the same webhook-id.",
  access: "write",
  params: webhookMessageParamsSchema,
  resource: "webhook message",
  responses: { 202: { description: "Queued: the message as it is now.", schema: webhookDeliverySchema } },
  async handle(ctx, { params }) {
    return { status: 202, body: deliveryBody(await retryDelivery(webhooksContext(ctx), params.id, params.messageId)) };
  },
});

/** The webhook operations, in the order of the reference. */
export const WEBHOOK_DELIVERY_OPERATIONS = [listWebhookDeliveriesOperation, testWebhookOperation, retryWebhookDeliveryOperation];
