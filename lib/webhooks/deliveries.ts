/**
 * What an admin asks of the delivery log: send a test event now (a webhook.test message, attempted
 * at once, logged like any other) and send a message again (queued now; the page attempts it at once).
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deliverMessageNow, type DeliverOptions } from "./deliver";
import { MESSAGE_ID_SQL } from "./enqueue";
import { getWebhookDeliveryOrThrow, getWebhookEndpointOrThrow } from "./queries";
import { WEBHOOK_TEST_TYPE } from "./schemas";
import type { WebhookDeliveryRow, WebhooksContext } from "./types";

/** Writes a test message for the endpoint and attempts it now; answers the message after the attempt. */
export async function sendTestEvent(ctx: WebhooksContext, endpointId: string, options: DeliverOptions = {}): Promise<WebhookDeliveryRow> {
  await getWebhookEndpointOrThrow(ctx, endpointId);
  const { sql } = await getDb();
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO "WebhookMessage" ("workspaceId", "id", "endpointId", "type", "payload", "state", "attempts", "nextAttemptAt", "createdAt")
     SELECT $1::uuid, ${MESSAGE_ID_SQL("0")}, $2::uuid, $3,
            jsonb_build_object('type', $3::text, 'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'data', jsonb_build_object('endpoint', jsonb_build_object('id', $2::text), 'message', 'A test event from Segmenta: your endpoint is set up.')),
            'pending', 0, now(), now()
     RETURNING "id"`,
    [ctx.workspaceId, endpointId, WEBHOOK_TEST_TYPE],
  );
  await deliverMessageNow(ctx.workspaceId, row.id, options);
  return getWebhookDeliveryOrThrow(ctx, endpointId, row.id);
}

/** Queues one more attempt of a message now (a delivered or failed one too), same webhook-id. */
export async function retryDelivery(ctx: WebhooksContext, endpointId: string, messageId: string): Promise<WebhookDeliveryRow> {
  await getWebhookEndpointOrThrow(ctx, endpointId);
  const { sql } = await getDb();
  const rows = await sql.query(
    `UPDATE "WebhookMessage" SET "state" = 'pending', "nextAttemptAt" = now()
      WHERE "workspaceId" = $1::uuid AND "endpointId" = $2::uuid AND "id" = $3 RETURNING "id"`,
    [ctx.workspaceId, endpointId, messageId],
  );
  if (rows.length === 0) throw new AppError("not_found", "This message doesn't exist for this webhook endpoint.");
  return getWebhookDeliveryOrThrow(ctx, endpointId, messageId);
}

/** Retries a message and attempts it at once (the page's "Redeliver"). */
export async function redeliverNow(ctx: WebhooksContext, endpointId: string, messageId: string, options: DeliverOptions = {}): Promise<WebhookDeliveryRow> {
  await retryDelivery(ctx, endpointId, messageId);
  await deliverMessageNow(ctx.workspaceId, messageId, options);
  return getWebhookDeliveryOrThrow(ctx, endpointId, messageId);
}
