import "server-only";
import type { AnyOperation } from "../operation";
import { WEBHOOK_DELIVERY_OPERATIONS } from "./webhook-deliveries";
import { createWebhookOperation, deleteWebhookOperation, getWebhookOperation, listWebhooksOperation, rotateWebhookSecretOperation, updateWebhookOperation } from "./webhooks";

/** The webhook operations of /api/v1, in the order of the reference (listed in OPERATIONS). */
export const WEBHOOK_OPERATIONS: readonly AnyOperation[] = [
  listWebhooksOperation,
  createWebhookOperation,
  getWebhookOperation,
  updateWebhookOperation,
  deleteWebhookOperation,
  rotateWebhookSecretOperation,
  ...WEBHOOK_DELIVERY_OPERATIONS,
];
