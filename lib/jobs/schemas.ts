/** zod schemas of the job runner's inputs: an enqueue, and the jobs page's retry. */
import { z } from "zod";

export const JOB_STATES = ["queued", "running", "done", "dead"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const enqueueJobSchema = z.object({
  workspaceId: z.uuid(),
  kind: z.string().trim().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).default({}),
  runAt: z.date().optional(),
  dedupeKey: z.string().min(1).max(300).optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
});
export type EnqueueJobInput = z.input<typeof enqueueJobSchema>;

export const retryJobSchema = z.object({ jobId: z.uuid({ message: "This job does not exist." }) });
