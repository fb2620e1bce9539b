/** Webhook delivery on the job runner (lib/jobs): a worker that sends the due messages. */
import "server-only";
import { registerWorker } from "@/lib/jobs/registry";
import { deliverWebhooks } from "./deliver";

export const WEBHOOK_WORKER = "webhooks";

registerWorker(WEBHOOK_WORKER, () => deliverWebhooks(), { idleMs: 500 });
