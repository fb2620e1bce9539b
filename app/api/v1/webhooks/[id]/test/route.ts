import { routeHandler } from "@/lib/api/operation";
import { testWebhookOperation } from "@/lib/api/v1/webhook-deliveries";

export const POST = routeHandler(testWebhookOperation);
