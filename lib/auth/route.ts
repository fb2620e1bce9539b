import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { slugSchema } from "@/lib/workspaces/schemas";
import { resolutionError } from "./action";
import { toErrorResponse } from "./errors";
import type { Permission } from "./permissions";
import { resolveContext } from "./resolve";
import type { WorkspaceContext } from "./types";

const paramsSchema = z.object({ workspace: slugSchema });

type RouteParams = { params: Promise<{ workspace: string }> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// A browser sends Origin on cross-site POSTs; refuse them even though the session cookie is SameSite=Lax.
function crossSite(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin || SAFE_METHODS.has(req.method)) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Builds a route handler under /api/w/[workspace]/…: session → membership → permission once,
 * answering 401 / 404 / 403 as JSON; AppError and zod errors become 4xx JSON, anything else a logged 500.
 */
export function workspaceRoute(
  handler: (ctx: WorkspaceContext, req: Request) => Promise<Response>,
  options: { permission: Permission },
): (req: Request, route: RouteParams) => Promise<Response> {
  return async (req, route) => {
    try {
      if (crossSite(req)) throw new AppError("forbidden", "Cross-site requests are not allowed.");
      const params = paramsSchema.safeParse(await route.params);
      if (!params.success) throw new AppError("not_found", "This workspace doesn't exist or you are not a member of it.");
      const resolved = await resolveContext(params.data.workspace, options.permission);
      if (!resolved.ok) throw resolutionError(resolved, options.permission);
      return await handler(resolved.ctx, req);
    } catch (e) {
      return toErrorResponse(e, `${req.method} ${new URL(req.url).pathname}`);
    }
  };
}

/** The request's JSON body parsed by schema; malformed JSON is a 400, not a 500. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("invalid", "The request body must be JSON.");
  }
  return schema.parse(body);
}
