import { routeHandler } from "@/lib/api/operation";
import { deleteWebhookOperation, getWebhookOperation, updateWebhookOperation } from "@/lib/api/v1/webhooks";

export const GET = routeHandler(getWebhookOperation);
export const PATCH = routeHandler(updateWebhookOperation);
export const DELETE = routeHandler(deleteWebhookOperation);
