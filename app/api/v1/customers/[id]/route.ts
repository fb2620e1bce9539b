import { routeHandler } from "@/lib/api/operation";
import { deleteCustomer, getCustomer } from "@/lib/api/v1/customers";

export const GET = routeHandler(getCustomer);
export const DELETE = routeHandler(deleteCustomer);
