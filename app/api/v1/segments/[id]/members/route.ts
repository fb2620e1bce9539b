import { routeHandler } from "@/lib/api/operation";
import { listSegmentMembersOperation } from "@/lib/api/v1/segments-evaluate";

export const GET = routeHandler(listSegmentMembersOperation);
