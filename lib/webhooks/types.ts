import type { Role } from "@/lib/auth/permissions";
import type { WebhookEventType } from "./schemas";

/** Who manages webhooks: a signed-in admin (role) or a public API request (apiKeyId; its access was checked by the API). */
export interface WebhooksContext {
  workspaceId: string;
  userId: string | null;
  role: Role;
  apiKeyId?: string | null;
}

/** An endpoint as lists and the API show it: never its secret. */
export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  /** null: every segment. */
  segmentIds: string[] | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  /** Until then the previous secret signs too (after a rotation). */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One message in the delivery log, with its latest attempt. */
export interface WebhookDeliveryRow {
  id: string;
  type: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  durationMs: number | null;
  responseExcerpt: string | null;
}
