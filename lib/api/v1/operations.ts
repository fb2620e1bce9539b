import "server-only";
import type { AnyOperation } from "../operation";
import { DATA_OPERATIONS } from "./data-operations";
import { listFields } from "./fields";
import { SEGMENT_OPERATIONS } from "./segment-operations";
import { WEBHOOK_OPERATIONS } from "./webhook-operations";

/**
 * Every operation of /api/v1, in the order of the reference. A route file exports
 * routeHandler(op) for each; test/api-openapi.test.ts fails when a route file serves an operation
 * missing here (or the other way round).
 */
export const OPERATIONS: readonly AnyOperation[] = [
  ...DATA_OPERATIONS,
  listFields,
  ...SEGMENT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
];
