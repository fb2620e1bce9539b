import { routeHandler } from "@/lib/api/operation";
import { listWebhookDeliveriesOperation } from "@/lib/api/v1/webhook-deliveries";

export const GET = routeHandler(listWebhookDeliveriesOperation);
