"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { RecomputeOutcome } from "@/components/predictions/recompute-button";
import { workspaceAction } from "@/lib/auth/action";
import { refreshPredictions } from "@/lib/predict/mutations";

/**
 * Refits the models and rescores every customer as of today in the workspace's zone, as the daily
 * refresh does. Too little history or a fit that does not converge is an outcome to show, not an
 * error: the attempt is recorded and the page keeps the last successful fit.
 */
export const recomputePredictionsAction = workspaceAction({
  permission: "segments.write",
  schema: z.object({}),
  handler: async (ctx): Promise<RecomputeOutcome> => {
    const outcome = await refreshPredictions(ctx);
    revalidatePath(`/w/${ctx.workspaceSlug}/predictions`, "layout");
    return outcome.status === "ok"
      ? { status: "ok", message: null, customers: outcome.customers, durationMs: outcome.durationMs }
      : { status: outcome.status, message: outcome.message, customers: null, durationMs: null };
  },
});
