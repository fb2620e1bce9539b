import { routeHandler } from "@/lib/api/operation";
import { listCustomers, upsertCustomer } from "@/lib/api/v1/customers";

export const GET = routeHandler(listCustomers);
export const POST = routeHandler(upsertCustomer);
