import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";
import { slugSchema } from "@/lib/workspaces/schemas";
import { toActionFailure } from "./errors";
import { PERMISSION_LABELS, type Permission } from "./permissions";
import { resolveContext, type ContextResolution } from "./resolve";
import type { WorkspaceContext } from "./types";

const workspaceInputSchema = z.object({ workspace: slugSchema });

/** A workspace action's input: the schema's fields plus the workspace slug. */
export type WorkspaceActionInput<S extends z.ZodType> = string extends keyof z.input<S> ? { workspace: string } : z.input<S> & { workspace: string };

/** The AppError for a failed resolution, worded for someone acting in the UI. */
export function resolutionError(resolved: Extract<ContextResolution, { ok: false }>, permission: Permission): AppError {
  if (resolved.reason === "unauthenticated") return new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  if (resolved.reason === "forbidden") {
    return new AppError("forbidden", `You don't have permission to ${PERMISSION_LABELS[permission]} in this workspace.`);
  }
  return new AppError("not_found", "This workspace doesn't exist or you are not a member of it.");
}

/**
 * Builds a server action: the input names the workspace by slug; the session, membership and
 * permission are checked once, the input is parsed by `schema`, then `handler` runs with the context.
 * Returns an ActionResult; unknown errors are logged and reported generically.
 */
export function workspaceAction<S extends z.ZodType, T>(def: {
  permission: Permission;
  schema: S;
  handler: (ctx: WorkspaceContext, input: z.output<S>) => Promise<T>;
}): (input: WorkspaceActionInput<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const target = workspaceInputSchema.safeParse(input);
      if (!target.success) throw new AppError("not_found", "This workspace doesn't exist or you are not a member of it.");
      const resolved = await resolveContext(target.data.workspace, def.permission);
      if (!resolved.ok) throw resolutionError(resolved, def.permission);
      const parsed = def.schema.parse(input);
      return { ok: true, data: await def.handler(resolved.ctx, parsed) };
    } catch (e) {
      unstable_rethrow(e);
      return toActionFailure(e, `Action needing ${def.permission}`);
    }
  };
}
