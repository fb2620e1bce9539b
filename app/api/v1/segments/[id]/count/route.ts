import { routeHandler } from "@/lib/api/operation";
import { countSegmentOperation } from "@/lib/api/v1/segments-evaluate";

export const GET = routeHandler(countSegmentOperation);
