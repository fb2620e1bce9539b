/**
 * Starts the job runner in the server process (instrumentation.ts), the one process allowed to open
 * the embedded database. SEGMENTA_JOBS=off leaves it stopped. On SIGTERM it stops claiming (Next then
 * exits after its own cleanup); a job cut off mid-run is retaken by the next runner once its lease lapses.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import "./kinds";
import { startJobRunner, type JobRunner } from "./runner";
import { enqueueSelftestJobs } from "./selftest";

const holder = globalThis as unknown as { __segmentaJobRunner?: Promise<JobRunner | null> };

/** Starts the process's runner once; resolves to it (null when SEGMENTA_JOBS=off). */
export function startServerJobs(): Promise<JobRunner | null> {
  holder.__segmentaJobRunner ??= (async () => {
    if (process.env.SEGMENTA_JOBS === "off") return null;
    const { sql } = await getDb();
    await enqueueSelftestJobs(sql);
    const runner = startJobRunner({ sql });
    process.once("SIGTERM", () => {
      void runner.stop();
    });
    return runner;
  })();
  return holder.__segmentaJobRunner;
}
