import { routeHandler } from "@/lib/api/operation";
import { upsertCustomersBatch } from "@/lib/api/v1/customers";

export const POST = routeHandler(upsertCustomersBatch);
