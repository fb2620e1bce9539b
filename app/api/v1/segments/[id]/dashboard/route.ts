import { routeHandler } from "@/lib/api/operation";
import { segmentDashboardOperation } from "@/lib/api/v1/segments-evaluate";

export const GET = routeHandler(segmentDashboardOperation);
