"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/action";
import { retryJob } from "@/lib/jobs/mutations";
import { retryJobSchema } from "@/lib/jobs/schemas";

/** Puts a failed job back in the queue (admins; audited). */
export const retryJobAction = workspaceAction({
  permission: "jobs.manage",
  schema: retryJobSchema,
  handler: async (ctx, input) => {
    const job = await retryJob(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/jobs`);
    return job;
  },
});
