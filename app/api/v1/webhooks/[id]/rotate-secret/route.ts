import { routeHandler } from "@/lib/api/operation";
import { rotateWebhookSecretOperation } from "@/lib/api/v1/webhooks";

export const POST = routeHandler(rotateWebhookSecretOperation);
