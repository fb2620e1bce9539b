import { routeHandler } from "@/lib/api/operation";
import { retryWebhookDeliveryOperation } from "@/lib/api/v1/webhook-deliveries";

export const POST = routeHandler(retryWebhookDeliveryOperation);
