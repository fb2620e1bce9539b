import { routeHandler } from "@/lib/api/operation";
import { createOrder } from "@/lib/api/v1/orders";

export const POST = routeHandler(createOrder);
