import { routeHandler } from "@/lib/api/operation";
import { createOrdersBatch } from "@/lib/api/v1/orders";

export const POST = routeHandler(createOrdersBatch);
