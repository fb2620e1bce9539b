import { ApiProblem } from "@/lib/api/problem";

/** Any path under /api/v1 that is not an operation: a problem document, not the app's HTML 404 page. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return new ApiProblem(404, `There is no ${request.method} ${path} in the API. See /api/v1/openapi.json for every operation.`).response();
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
