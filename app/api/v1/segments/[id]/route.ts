import { routeHandler } from "@/lib/api/operation";
import { deleteSegmentOperation, getSegmentOperation, updateSegmentOperation } from "@/lib/api/v1/segments";

export const GET = routeHandler(getSegmentOperation);
export const PUT = routeHandler(updateSegmentOperation);
export const DELETE = routeHandler(deleteSegmentOperation);
