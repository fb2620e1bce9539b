/**
 * What a webhook endpoint is made of, as the page, the API and the library parse it: a URL (http or
 * https, checked again for SSRF on the server), the event types and optionally the segments it
 * wants. Client-safe: the forms use the same schemas.
 */
import { z } from "zod";

/** The event types an endpoint can subscribe to, in the order forms list them. */
export const WEBHOOK_EVENT_TYPES = ["segment.entered", "segment.exited"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the message "Send test event" sends; receivers can ignore it. */
export const WEBHOOK_TEST_TYPE = "webhook.test";

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEventType, string>> = {
  "segment.entered": "A customer enters a segment",
  "segment.exited": "A customer leaves a segment",
};

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
export const WEBHOOK_SEGMENTS_MAX = 100;

export const webhookUrlSchema = z
  .string({ error: "Give the URL that receives the webhooks." })
  .trim()
  .min(1, "Give the URL that receives the webhooks.")
  .max(WEBHOOK_URL_MAX, `Keep the URL to ${WEBHOOK_URL_MAX} characters or fewer.`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && url.username === "" && url.password === "";
    } catch {
      return false;
    }
  }, "Give a full http:// or https:// URL without a user name or password, e.g. https://example.com/hooks/segmenta.")
  .meta({ description: "Where messages are POSTed (http or https).", example: "https://example.com/hooks/segmenta" });

export const webhookDescriptionSchema = z
  .string()
  .trim()
  .max(WEBHOOK_DESCRIPTION_MAX, `Keep the description to ${WEBHOOK_DESCRIPTION_MAX} characters or fewer.`)
  .transform((v) => (v === "" ? null : v));

export const webhookEventTypesSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `An event type is one of ${WEBHOOK_EVENT_TYPES.join(", ")}.` }))
  .min(1, "Choose at least one event type.")
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t)))
  .meta({ description: "The event types to receive.", example: ["segment.entered", "segment.exited"] });

export const webhookSegmentIdsSchema = z
  .array(z.uuid("not a segment id"))
  .min(1, "Choose at least one segment, or send none to receive every segment.")
  .max(WEBHOOK_SEGMENTS_MAX, `Choose at most ${WEBHOOK_SEGMENTS_MAX} segments.`)
  .transform((ids) => [...new Set(ids)])
  .meta({ description: "Only these segments; leave out (or null) for every segment." });

export const createWebhookSchema = z.object({
  url: webhookUrlSchema,
  description: webhookDescriptionSchema.nullish().transform((v) => v ?? null),
  eventTypes: webhookEventTypesSchema,
  segmentIds: webhookSegmentIdsSchema.nullish().transform((v) => v ?? null),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z.object({
  url: webhookUrlSchema.optional(),
  description: webhookDescriptionSchema.nullish(),
  eventTypes: webhookEventTypesSchema.optional(),
  /** null: every segment again. */
  segmentIds: webhookSegmentIdsSchema.nullish(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export const webhookIdSchema = z.uuid("Unknown webhook endpoint.");

/** Message ids: msg_ and 32 hex characters (time-ordered). */
export const webhookMessageIdSchema = z.string().regex(/^msg_[0-9a-f]{32}$/, "Unknown message.");
