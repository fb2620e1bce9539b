/**
 * The job runner: claims due jobs — queued with runAt ≤ now, or running with a lapsed lease —
 * with FOR UPDATE SKIP LOCKED (runners on several processes or pools never take the same row),
 * runs them with up to `concurrency` at a time, polls every few seconds and is woken at once by an
 * enqueue in this process. It also hosts the background workers, the daily scheduler and the
 * pruning of done jobs. Only kinds registered in this process are claimed.
 */
import crypto from "node:crypto";
import os from "node:os";
import type { SqlDriver } from "@/lib/db/driver";
import { enqueueDailyJobs } from "./daily";
import { executeJob, type ClaimedJob } from "./execute";
import { registry, type Worker } from "./registry";
import { startWorkerLoop, type WorkerLoop } from "./workers";

export const DEFAULT_POLL_MS = 3_000;
export const DEFAULT_LEASE_MS = 60_000;
export const DAILY_CHECK_MS = 60_000;
export const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Done jobs are kept this long for the jobs page, then pruned. */
export const DONE_RETENTION_DAYS = 30;

export interface RunnerOptions {
  sql: SqlDriver;
  /** Jobs run at once; default SEGMENTA_JOBS_CONCURRENCY, else 2 on PostgreSQL and 1 on PGlite. */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** How often the daily scheduler checks (0: never, for tests that drive it themselves). */
  dailyCheckMs?: number;
  /** Host the registered background workers (default true). */
  workers?: boolean;
  log?: (line: string) => void;
}

export interface JobRunner {
  id: string;
  /** Claims and starts due jobs now (the poll does this by itself). */
  poke(): void;
  /** Stops claiming, stops the workers and waits for the running jobs. */
  stop(): Promise<void>;
  /** Resolves when no job is running and a claim finds nothing due (tests). */
  idle(): Promise<void>;
}

/** The concurrency from SEGMENTA_JOBS_CONCURRENCY, else 2 on PostgreSQL and 1 on PGlite (it runs statements serially). */
export function defaultConcurrency(sql: SqlDriver): number {
  const n = Number(process.env.SEGMENTA_JOBS_CONCURRENCY);
  if (Number.isInteger(n) && n >= 1) return n;
  return sql.kind === "pglite" ? 1 : 2;
}

const CLAIM = `WITH due AS (
    SELECT "workspaceId", "id" FROM "Job"
     WHERE "kind" = ANY($2::text[])
       AND (("state" = 'queued' AND "runAt" <= now()) OR ("state" = 'running' AND "lockedUntil" < now()))
     ORDER BY "runAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
  UPDATE "Job" j SET "state" = 'running', "attempts" = j."attempts" + 1, "lockedBy" = $1,
         "lockedUntil" = now() + make_interval(secs => $4::float8), "updatedAt" = now()
    FROM due WHERE j."workspaceId" = due."workspaceId" AND j."id" = due."id"
  RETURNING j."workspaceId"::text AS "workspaceId", j."id"::text AS "id", j."kind", j."payload", j."attempts", j."maxAttempts",
            j."runAt", j."lastError", j."dedupeKey", j."lockedBy"`;

/** Deletes done jobs finished more than DONE_RETENTION_DAYS ago; returns how many. */
export async function pruneDoneJobs(sql: SqlDriver): Promise<number> {
  const rows = await sql.query(`DELETE FROM "Job" WHERE "state" = 'done' AND "finishedAt" < now() - make_interval(days => $1) RETURNING 1`, [DONE_RETENTION_DAYS]);
  return rows.length;
}

/** Starts a runner on sql. */
export function startJobRunner(options: RunnerOptions): JobRunner {
  const { sql } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrency = options.concurrency ?? defaultConcurrency(sql);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const reg = registry();
  const running = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const loops = new Map<string, WorkerLoop>();
  let stopped = false;
  let claiming: Promise<void> | null = null;
  let again = false;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (running.size > 0 || claiming) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  async function claimLoop(): Promise<void> {
    do {
      again = false;
      while (!stopped && running.size < concurrency) {
        const kinds = [...reg.kinds.keys()];
        if (kinds.length === 0) break;
        const jobs = await sql.query<ClaimedJob>(CLAIM, [id, kinds, concurrency - running.size, leaseMs / 1000]);
        if (jobs.length === 0) break;
        for (const job of jobs) {
          const kind = reg.kinds.get(job.kind);
          if (!kind) continue; // unregistered between the claim and now: its lease lapses and it is taken again
          const run = executeJob(sql, job, kind, { leaseMs, log }).finally(() => {
            running.delete(run);
            poke(); // a slot is free
          });
          running.add(run);
        }
      }
    } while (again && !stopped);
  }

  function poke(): void {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = claimLoop()
      .catch((e) => log(`Job runner: claiming failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        claiming = null;
        settleIdle();
      });
  }

  // A wake-up may come before the enqueuing transaction commits: look again shortly after.
  const onEnqueue = () => {
    poke();
    const t = setTimeout(poke, 250);
    t.unref();
  };
  reg.enqueueListeners.add(onEnqueue);

  const every = (ms: number, fn: () => void) => {
    const t = setInterval(fn, ms);
    t.unref();
    timers.push(t);
  };
  every(options.pollMs ?? DEFAULT_POLL_MS, poke);
  const dailyCheckMs = options.dailyCheckMs ?? DAILY_CHECK_MS;
  const dailyCheck = () => {
    enqueueDailyJobs(sql).catch((e) => log(`Job runner: the daily check failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  if (dailyCheckMs > 0) {
    dailyCheck();
    every(dailyCheckMs, dailyCheck);
  }
  const prune = () => {
    pruneDoneJobs(sql).catch((e) => log(`Job runner: pruning failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  every(PRUNE_EVERY_MS, prune);

  const startWorker = (worker: Worker) => {
    if (stopped) return;
    const previous = loops.get(worker.name);
    loops.set(worker.name, startWorkerLoop(worker, log));
    void previous?.stop();
  };
  if (options.workers !== false) {
    for (const worker of reg.workers.values()) startWorker(worker);
    reg.workerListeners.add(startWorker);
  }
  poke();

  return {
    id,
    poke,
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      reg.enqueueListeners.delete(onEnqueue);
      reg.workerListeners.delete(startWorker);
      await Promise.all([...loops.values()].map((l) => l.stop()));
      await claiming;
      await Promise.all(running);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        poke();
        settleIdle();
      });
    },
  };
}
