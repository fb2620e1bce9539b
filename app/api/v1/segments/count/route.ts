import { routeHandler } from "@/lib/api/operation";
import { countDefinitionOperation } from "@/lib/api/v1/segments-evaluate";

export const POST = routeHandler(countDefinitionOperation);
