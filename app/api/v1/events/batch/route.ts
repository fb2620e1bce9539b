import { routeHandler } from "@/lib/api/operation";
import { createEventsBatch } from "@/lib/api/v1/events";

export const POST = routeHandler(createEventsBatch);
