/**
 * The body of a webhook message (API.md, "Webhook endpoints"). Messages are stored as jsonb, which
 * reorders keys; the body sent is rebuilt through these schemas so its keys come in the documented
 * order (type, timestamp, data) on every attempt.
 */
import { z } from "zod";

export const webhookChangeSchema = z.object({
  customer: z.object({ id: z.string(), email: z.string().nullable(), externalId: z.string().nullable() }),
  at: z.string(),
  cause: z.string(),
});

export const segmentMessageSchema = z.object({
  type: z.enum(["segment.entered", "segment.exited"]),
  timestamp: z.string(),
  data: z.object({
    segment: z.object({ id: z.string(), name: z.string() }),
    changes: z.array(webhookChangeSchema),
  }),
});

export const testMessageSchema = z.object({
  type: z.literal("webhook.test"),
  timestamp: z.string(),
  data: z.object({ endpoint: z.object({ id: z.string() }), message: z.string() }),
});

export const webhookPayloadSchema = z.union([segmentMessageSchema, testMessageSchema]);
export type WebhookPayload = z.output<typeof webhookPayloadSchema>;

/** The exact body sent for a stored payload. */
export function webhookBody(payload: unknown): string {
  return JSON.stringify(webhookPayloadSchema.parse(payload));
}
