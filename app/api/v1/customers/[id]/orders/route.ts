import { routeHandler } from "@/lib/api/operation";
import { listCustomerOrders } from "@/lib/api/v1/orders";

export const GET = routeHandler(listCustomerOrders);
