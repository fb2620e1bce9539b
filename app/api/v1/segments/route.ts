import { routeHandler } from "@/lib/api/operation";
import { createSegmentOperation, listSegmentsOperation } from "@/lib/api/v1/segments";

export const GET = routeHandler(listSegmentsOperation);
export const POST = routeHandler(createSegmentOperation);
