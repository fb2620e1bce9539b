import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/v1/operations";

let document: string | undefined;

/** The OpenAPI 3.1 document of /api/v1: public, like the reference page (no key needed). */
export function GET(): Response {
  document ??= JSON.stringify(buildOpenApiDocument(OPERATIONS));
  return new Response(document, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
