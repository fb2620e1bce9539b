import { routeHandler } from "@/lib/api/operation";
import { listFields } from "@/lib/api/v1/fields";

export const GET = routeHandler(listFields);
