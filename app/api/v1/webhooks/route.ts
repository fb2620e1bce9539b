import { routeHandler } from "@/lib/api/operation";
import { createWebhookOperation, listWebhooksOperation } from "@/lib/api/v1/webhooks";

export const GET = routeHandler(listWebhooksOperation);
export const POST = routeHandler(createWebhookOperation);
