import { routeHandler } from "@/lib/api/operation";
import { explainSegmentOperation } from "@/lib/api/v1/segments-evaluate";

export const GET = routeHandler(explainSegmentOperation);
