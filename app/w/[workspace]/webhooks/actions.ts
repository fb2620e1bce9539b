"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/auth/action";
import { redeliverNow, sendTestEvent } from "@/lib/webhooks/deliveries";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhooks/mutations";
import { createWebhookSchema, webhookIdSchema, webhookMessageIdSchema } from "@/lib/webhooks/schemas";

/** A secret just made (new endpoint or rotation), for the panel that shows it once. */
export interface NewSecretView {
  endpointId: string;
  url: string;
  secret: string;
  rotated: boolean;
}

const idSchema = z.object({ id: webhookIdSchema });

function revalidate(workspace: string, id?: string) {
  revalidatePath(`/w/${workspace}/webhooks`);
  if (id) revalidatePath(`/w/${workspace}/webhooks/${id}`);
}

/** Adds an endpoint; its secret is in this answer and nowhere else. */
export const createWebhookAction = workspaceAction({
  permission: "webhooks.manage",
  schema: createWebhookSchema,
  handler: async (ctx, input): Promise<NewSecretView> => {
    const { endpoint, secret } = await createWebhookEndpoint(ctx, input);
    revalidate(ctx.workspaceSlug);
    return { endpointId: endpoint.id, url: endpoint.url, secret, rotated: false };
  },
});

/** Enables or disables an endpoint. */
export const setWebhookEnabledAction = workspaceAction({
  permission: "webhooks.manage",
  schema: idSchema.extend({ enabled: z.boolean() }),
  handler: async (ctx, { id, enabled }) => {
    const endpoint = await updateWebhookEndpoint(ctx, id, { enabled });
    revalidate(ctx.workspaceSlug, id);
    return { enabled: endpoint.enabled };
  },
});

/** Deletes an endpoint with its log. */
export const deleteWebhookAction = workspaceAction({
  permission: "webhooks.manage",
  schema: idSchema,
  handler: async (ctx, { id }) => {
    await deleteWebhookEndpoint(ctx, id);
    revalidate(ctx.workspaceSlug);
    return { deleted: true };
  },
});

/** A new secret; the old one signs beside it for 24 h. */
export const rotateWebhookSecretAction = workspaceAction({
  permission: "webhooks.manage",
  schema: idSchema,
  handler: async (ctx, { id }): Promise<NewSecretView> => {
    const { endpoint, secret } = await rotateWebhookSecret(ctx, id);
    revalidate(ctx.workspaceSlug, id);
    return { endpointId: endpoint.id, url: endpoint.url, secret, rotated: true };
  },
});

/** Sends a test event now and answers how it went. */
export const sendTestEventAction = workspaceAction({
  permission: "webhooks.manage",
  schema: idSchema,
  handler: async (ctx, { id }) => {
    const message = await sendTestEvent(ctx, id);
    revalidate(ctx.workspaceSlug, id);
    return { id: message.id, state: message.state, lastStatus: message.lastStatus, lastError: message.lastError };
  },
});

/** Sends a message again now (same webhook-id) and answers how it went. */
export const redeliverAction = workspaceAction({
  permission: "webhooks.manage",
  schema: idSchema.extend({ messageId: webhookMessageIdSchema }),
  handler: async (ctx, { id, messageId }) => {
    const message = await redeliverNow(ctx, id, messageId);
    revalidate(ctx.workspaceSlug, id);
    return { id: message.id, state: message.state, lastStatus: message.lastStatus, lastError: message.lastError };
  },
});
