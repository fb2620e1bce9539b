/**
 * Changes to webhook endpoints, each with its audit entry in the same transaction: create (the
 * secret is in the answer and nowhere else later), update, enable/disable, delete, rotate the
 * secret (the old one keeps signing beside the new one for 24 h). A URL is checked against the
 * SSRF rules before it is stored, with a message that says why it is refused.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCanManageWebhooks, ENDPOINT_NOT_FOUND, endpointRowSelect, toEndpointRow } from "./queries";
import { createWebhookSchema, updateWebhookSchema, type CreateWebhookInput, type UpdateWebhookInput } from "./schemas";
import { generateWebhookSecret } from "./secret";
import { checkWebhookTarget, WebhookTargetError } from "./ssrf";
import type { WebhookEndpointRow, WebhooksContext } from "./types";

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

type Tx = Prisma.TransactionClient;

async function assertTarget(url: string): Promise<void> {
  try {
    await checkWebhookTarget(url);
  } catch (e) {
    if (e instanceof WebhookTargetError) throw new AppError("invalid", e.message, { url: e.message });
    throw e;
  }
}

async function assertSegments(tx: Tx, ctx: WebhooksContext, segmentIds: string[] | null): Promise<void> {
  if (!segmentIds) return;
  const found = await tx.segment.findMany({ where: { workspaceId: ctx.workspaceId, id: { in: segmentIds } }, select: { id: true } });
  if (found.length !== segmentIds.length) {
    const known = new Set(found.map((s) => s.id));
    const missing = segmentIds.filter((id) => !known.has(id));
    throw new AppError("invalid", `No segment with id ${missing.join(", ")} in this workspace.`, { segmentIds: "Every segment must be one of this workspace's segments." });
  }
}

function auditOf(row: Pick<WebhookEndpointRow, "url" | "eventTypes" | "segmentIds">): Prisma.InputJsonObject {
  return { url: row.url, eventTypes: row.eventTypes, segments: row.segmentIds ?? "all" };
}

/** An endpoint just created, with its secret (shown once). */
export interface CreatedWebhookEndpoint {
  endpoint: WebhookEndpointRow;
  secret: string;
}

/** Creates an endpoint for the chosen event types and segments (none: every segment). */
export async function createWebhookEndpoint(ctx: WebhooksContext, input: CreateWebhookInput): Promise<CreatedWebhookEndpoint> {
  assertCanManageWebhooks(ctx);
  const data = createWebhookSchema.parse(input);
  await assertTarget(data.url);
  const secret = generateWebhookSecret();
  const { prisma } = await getDb();
  const endpoint = await prisma.$transaction(async (tx) => {
    await assertSegments(tx, ctx, data.segmentIds);
    const row = await tx.webhookEndpoint.create({
      data: { workspaceId: ctx.workspaceId, url: data.url, description: data.description, eventTypes: data.eventTypes, segmentIds: data.segmentIds ?? [], secret, createdById: ctx.userId },
      select: endpointRowSelect,
    });
    const created = toEndpointRow(row);
    await recordAudit(tx, ctx, { action: "webhook.create", entityType: "webhook", entityId: created.id, diff: auditOf(created) });
    return created;
  });
  return { endpoint, secret };
}

/** Changes what was given; enabling clears why it was disabled, disabling says who did it. */
export async function updateWebhookEndpoint(ctx: WebhooksContext, id: string, input: UpdateWebhookInput): Promise<WebhookEndpointRow> {
  assertCanManageWebhooks(ctx);
  const data = updateWebhookSchema.parse(input);
  if (data.url !== undefined) await assertTarget(data.url);
  const { prisma } = await getDb();
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } }, select: endpointRowSelect });
    if (!before) throw new AppError("not_found", ENDPOINT_NOT_FOUND);
    if (data.segmentIds) await assertSegments(tx, ctx, data.segmentIds);
    const now = new Date();
    const enabling = data.enabled === true && !before.enabled;
    const disabling = data.enabled === false && before.enabled;
    const row = await tx.webhookEndpoint.update({
      where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } },
      data: {
        ...(data.url !== undefined ? { url: data.url } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.eventTypes !== undefined ? { eventTypes: data.eventTypes } : {}),
        ...(data.segmentIds !== undefined ? { segmentIds: data.segmentIds ?? [] } : {}),
        ...(enabling ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
        ...(disabling ? { enabled: false, disabledReason: ctx.apiKeyId ? "Disabled through the API." : "Disabled by an admin.", disabledAt: now } : {}),
      },
      select: endpointRowSelect,
    });
    const after = toEndpointRow(row);
    const previous = toEndpointRow(before);
    const diff: Record<string, Prisma.InputJsonValue> = {};
    for (const key of ["url", "description", "eventTypes", "segmentIds"] as const) {
      if (JSON.stringify(previous[key]) !== JSON.stringify(after[key])) diff[key] = { from: previous[key] ?? "all", to: after[key] ?? "all" };
    }
    if (Object.keys(diff).length > 0) await recordAudit(tx, ctx, { action: "webhook.update", entityType: "webhook", entityId: id, diff: { url: after.url, ...diff } });
    if (enabling || disabling) await recordAudit(tx, ctx, { action: enabling ? "webhook.enable" : "webhook.disable", entityType: "webhook", entityId: id, diff: { url: after.url } });
    return after;
  });
}

/** Deletes an endpoint with its messages and their attempts. */
export async function deleteWebhookEndpoint(ctx: WebhooksContext, id: string): Promise<void> {
  assertCanManageWebhooks(ctx);
  const { prisma } = await getDb();
  await prisma.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } }, select: endpointRowSelect });
    if (!before) throw new AppError("not_found", ENDPOINT_NOT_FOUND);
    await tx.webhookEndpoint.delete({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } } });
    await recordAudit(tx, ctx, { action: "webhook.delete", entityType: "webhook", entityId: id, diff: auditOf(toEndpointRow(before)) });
  });
}

/** A new secret; the current one keeps signing beside it for 24 h (one rotated earlier stops now). */
export async function rotateWebhookSecret(ctx: WebhooksContext, id: string, now = new Date()): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  assertCanManageWebhooks(ctx);
  const secret = generateWebhookSecret();
  const { prisma } = await getDb();
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } }, select: { secret: true, url: true } });
    if (!before) throw new AppError("not_found", ENDPOINT_NOT_FOUND);
    const expires = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    const row = await tx.webhookEndpoint.update({
      where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } },
      data: { secret, previousSecret: before.secret, previousSecretExpiresAt: expires },
      select: endpointRowSelect,
    });
    await recordAudit(tx, ctx, { action: "webhook.rotate_secret", entityType: "webhook", entityId: id, diff: { url: before.url, previousSecretUntil: expires.toISOString() } });
    return { endpoint: toEndpointRow(row), secret };
  });
}
