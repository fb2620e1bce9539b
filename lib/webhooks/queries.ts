/**
 * Reads of webhook endpoints and their delivery log, every one scoped by the context's workspace.
 * Secrets never leave here except through the mutations that create or rotate them.
 */
import "server-only";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./schemas";
import type { WebhookDeliveryRow, WebhookEndpointRow, WebhooksContext } from "./types";

export const ENDPOINT_NOT_FOUND = "This webhook endpoint doesn't exist in this workspace.";

/** Refuses a person whose role may not manage webhooks (API requests were checked by the API's access rules). */
export function assertCanManageWebhooks(ctx: WebhooksContext): void {
  if (ctx.apiKeyId) return;
  if (!can(ctx.role, "webhooks.manage")) throw new AppError("forbidden", "You don't have permission to manage webhooks in this workspace.");
}

export const endpointRowSelect = {
  id: true, url: true, description: true, eventTypes: true, segmentIds: true, enabled: true, disabledReason: true, disabledAt: true,
  failingSince: true, previousSecretExpiresAt: true, createdAt: true, updatedAt: true,
} as const;

type SelectedEndpoint = Omit<WebhookEndpointRow, "eventTypes" | "segmentIds"> & { eventTypes: string[]; segmentIds: string[] };

/** The stored row as the app shows it: known event types only, an empty segment list as "every segment". */
export function toEndpointRow(row: SelectedEndpoint): WebhookEndpointRow {
  return {
    ...row,
    eventTypes: WEBHOOK_EVENT_TYPES.filter((t): t is WebhookEventType => row.eventTypes.includes(t)),
    segmentIds: row.segmentIds.length === 0 ? null : row.segmentIds,
  };
}

/** The workspace's endpoints, oldest first. */
export async function listWebhookEndpoints(ctx: WebhooksContext): Promise<WebhookEndpointRow[]> {
  assertCanManageWebhooks(ctx);
  const { prisma } = await getDb();
  const rows = await prisma.webhookEndpoint.findMany({ where: { workspaceId: ctx.workspaceId }, select: endpointRowSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toEndpointRow);
}

/** Endpoints after `afterId` by id (API pages); one more than limit tells there is a next page. */
export async function listWebhookEndpointPage(ctx: WebhooksContext, afterId: string | null, limit: number): Promise<WebhookEndpointRow[]> {
  assertCanManageWebhooks(ctx);
  const { prisma } = await getDb();
  const rows = await prisma.webhookEndpoint.findMany({
    where: { workspaceId: ctx.workspaceId, ...(afterId ? { id: { gt: afterId } } : {}) },
    select: endpointRowSelect,
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return rows.map(toEndpointRow);
}

/** One endpoint, or a not_found AppError (another workspace's id included). */
export async function getWebhookEndpointOrThrow(ctx: WebhooksContext, id: string): Promise<WebhookEndpointRow> {
  assertCanManageWebhooks(ctx);
  const { prisma } = await getDb();
  const row = await prisma.webhookEndpoint.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } }, select: endpointRowSelect });
  if (!row) throw new AppError("not_found", ENDPOINT_NOT_FOUND);
  return toEndpointRow(row);
}

const DELIVERY_SQL = (filter: string) => `
  SELECT m."id", m."type", m."state"::text AS "state", m."attempts", m."lastStatus", m."lastError", m."nextAttemptAt", m."deliveredAt", m."createdAt",
         a."durationMs", a."responseExcerpt"
    FROM "WebhookMessage" m
    LEFT JOIN LATERAL (
      SELECT wa."durationMs", wa."responseExcerpt" FROM "WebhookAttempt" wa
       WHERE wa."workspaceId" = m."workspaceId" AND wa."messageId" = m."id" ORDER BY wa."at" DESC, wa."id" DESC LIMIT 1
    ) a ON true
   WHERE m."workspaceId" = $1::uuid AND m."endpointId" = $2::uuid ${filter}`;

/** The endpoint's messages, newest first, before `beforeId`; limit + 1 rows tell there is a next page. */
export async function listWebhookDeliveries(ctx: WebhooksContext, endpointId: string, options: { beforeId: string | null; limit: number }): Promise<WebhookDeliveryRow[]> {
  await getWebhookEndpointOrThrow(ctx, endpointId);
  const { sql } = await getDb();
  return sql.query<WebhookDeliveryRow>(
    `${DELIVERY_SQL(`AND ($3::text IS NULL OR m."id" < $3::text)`)} ORDER BY m."id" DESC LIMIT $4::int`,
    [ctx.workspaceId, endpointId, options.beforeId, options.limit + 1],
  );
}

/** One message of the endpoint, or a not_found AppError. */
export async function getWebhookDeliveryOrThrow(ctx: WebhooksContext, endpointId: string, messageId: string): Promise<WebhookDeliveryRow> {
  assertCanManageWebhooks(ctx);
  const { sql } = await getDb();
  const [row] = await sql.query<WebhookDeliveryRow>(`${DELIVERY_SQL(`AND m."id" = $3`)}`, [ctx.workspaceId, endpointId, messageId]);
  if (!row) throw new AppError("not_found", "This message doesn't exist for this webhook endpoint.");
  return row;
}
