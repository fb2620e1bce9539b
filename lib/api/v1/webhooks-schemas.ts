/** zod schemas of the webhook operations: they parse the requests and write the OpenAPI document. */
import { z } from "zod";
import { createWebhookSchema, updateWebhookSchema, WEBHOOK_EVENT_TYPES, webhookIdSchema, webhookMessageIdSchema } from "@/lib/webhooks/schemas";
import { pageQuerySchema } from "../cursor";

const EXAMPLE_ID = "0b7d3c1e-5f2a-4e8b-9a6c-1d2e3f4a5b6c";
const isoTime = z.string().meta({ description: "ISO 8601 UTC.", example: "2026-12-02T10:15:00.000Z" });

export const webhookParamsSchema = z.object({ id: webhookIdSchema.meta({ description: "The endpoint's id.", example: EXAMPLE_ID }) });

export const webhookMessageParamsSchema = webhookParamsSchema.extend({
  messageId: webhookMessageIdSchema.meta({ description: "The message id (the webhook-id header it was sent with).", example: "msg_0194d2f0a1b2000012ab34cd56ef7890" }),
});

export const createWebhookBodySchema = createWebhookSchema.meta({
  description: "No segmentIds: every segment.",
  example: { url: "https://example.com/hooks/segmenta", description: "CRM sync", eventTypes: ["segment.entered", "segment.exited"] },
});

export const updateWebhookBodySchema = updateWebhookSchema.meta({
  description: "Only what is given changes. segmentIds null: every segment again. enabled true clears why it was disabled.",
  example: { enabled: true },
});

export const webhookListQuerySchema = pageQuerySchema;

export const webhookEndpointSchema = z
  .object({
    id: z.uuid().meta({ example: EXAMPLE_ID }),
    url: z.string().meta({ example: "https://example.com/hooks/segmenta" }),
    description: z.string().nullable(),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    segmentIds: z.array(z.uuid()).nullable().meta({ description: "null: every segment." }),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why it is disabled: by someone, a 410 answer, or 5 days of failed deliveries." }),
    disabledAt: isoTime.nullable(),
    failingSince: isoTime.nullable().meta({ description: "First failed delivery since the last success; 5 days of failures disable the endpoint." }),
    previousSecretExpiresAt: isoTime.nullable().meta({ description: "After a rotation, the previous secret signs too until then." }),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: "WebhookEndpoint" });

export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({
  secret: z.string().meta({ description: "whsec_ + base64: verifies the webhook-signature header. Shown in this answer only.", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }),
});

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ description: "The message id, sent as webhook-id (the same on every retry).", example: "msg_0194d2f0a1b2000012ab34cd56ef7890" }),
    type: z.string().meta({ example: "segment.entered" }),
    state: z.enum(["pending", "delivered", "failed"]).meta({ description: "pending: waiting for its first attempt or a retry." }),
    attempts: z.int(),
    lastStatus: z.int().nullable().meta({ description: "The HTTP status of the last attempt; null when it got no answer." }),
    lastError: z.string().nullable(),
    durationMs: z.int().nullable().meta({ description: "How long the last attempt took." }),
    responseExcerpt: z.string().nullable().meta({ description: "The first 1 KB of the last answer." }),
    nextAttemptAt: isoTime.nullable(),
    deliveredAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: "WebhookDelivery" });
