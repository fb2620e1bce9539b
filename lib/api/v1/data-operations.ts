import "server-only";
import { CUSTOMER_OPERATIONS } from "./customers";
import { EVENT_OPERATIONS } from "./events";
import { ORDER_OPERATIONS } from "./orders";

/** The operations on customers, orders and events (the registry in ./operations.ts lists them). */
export const DATA_OPERATIONS = [...CUSTOMER_OPERATIONS, ...ORDER_OPERATIONS, ...EVENT_OPERATIONS];
