/**
 * The durable job runner (lib/jobs) on PGlite and PostgreSQL: enqueueing in the writer's
 * transaction, dedupe, backoff and dead jobs, lapsed leases, exactly-once across two runners
 * (PostgreSQL) and across a kill -9 mid-job, the daily scheduler across a local midnight, hosted
 * workers, pruning, and the admins' list and retry.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { poolDriver } from "@/lib/db/driver";
import { enqueueDailyJobs } from "@/lib/jobs/daily";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { retryJob } from "@/lib/jobs/mutations";
import { listJobs } from "@/lib/jobs/queries";
import { defineDailyJob, defineJobKind, registerWorker, wakeWorker } from "@/lib/jobs/registry";
import { pruneDoneJobs, startJobRunner, type RunnerOptions } from "@/lib/jobs/runner";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace } from "./segments-support";

let db: Db;
let W: string;
let X: string;
const onPostgres = !!process.env.DATABASE_URL;
const quiet = () => undefined;

interface JobState {
  state: string;
  attempts: number;
  lastError: string | null;
  lockedBy: string | null;
  delayS: number;
  finished: boolean;
}

async function jobState(id: string): Promise<JobState> {
  const [row] = await db.sql.query<JobState>(
    `SELECT "state"::text AS "state", "attempts", "lastError", "lockedBy", round(extract(epoch FROM "runAt" - "updatedAt"))::int AS "delayS", "finishedAt" IS NOT NULL AS "finished"
       FROM "Job" WHERE "id" = $1`,
    [id],
  );
  return row;
}

/** Runs a runner on the test database until nothing due is left, then stops it. */
async function drain(options: Partial<RunnerOptions> = {}): Promise<void> {
  const runner = startJobRunner({ sql: db.sql, dailyCheckMs: 0, workers: false, log: quiet, ...options });
  await runner.idle();
  await runner.stop();
}

const effects = async (jobId: string) =>
  (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM job_effect WHERE "jobId" = $1`, [jobId]))[0].n;

beforeAll(async () => {
  db = await setupTestDb();
  W = await createWorkspace(db.sql, "America/New_York");
  X = await createWorkspace(db.sql, "UTC");
  await db.sql.exec(`CREATE TABLE job_effect ("jobId" uuid NOT NULL, "runner" text, "at" timestamptz NOT NULL DEFAULT now())`);
  defineJobKind("test.effect", async (job, { tx }) => {
    await tx.query(`INSERT INTO job_effect ("jobId") VALUES ($1)`, [job.id]);
  }, { transactional: true });
  defineJobKind("test.fail", async () => {
    throw new Error("the receiver said no");
  });
  // Writes its effect in the job's transaction, then fails: the effect must not survive.
  defineJobKind("test.half", async (job, { tx }) => {
    await tx.query(`INSERT INTO job_effect ("jobId") VALUES ($1)`, [job.id]);
    throw new Error("failed after writing");
  }, { transactional: true });
});
afterAll(teardownTestDb);

describe("enqueueJob", () => {
  test("in a transaction that rolls back, nothing is enqueued (SQL driver and Prisma)", async () => {
    await expect(db.sql.transaction(async (tx) => {
      await enqueueJob(tx, { workspaceId: W, kind: "test.effect", dedupeKey: "rolled-back-sql" });
      throw new Error("the write failed");
    })).rejects.toThrow("the write failed");
    await expect(db.prisma.$transaction(async (tx) => {
      await enqueueJob(tx, { workspaceId: W, kind: "test.effect", dedupeKey: "rolled-back-prisma" });
      throw new Error("the write failed");
    })).rejects.toThrow("the write failed");
    const committed = await db.prisma.$transaction((tx) => enqueueJob(tx, { workspaceId: W, kind: "test.effect", dedupeKey: "committed-prisma", payload: { n: 1 } }));
    const rows = await db.sql.query<{ dedupeKey: string; payload: unknown; state: string }>(`SELECT "dedupeKey", "payload", "state"::text AS "state" FROM "Job" WHERE "workspaceId" = $1`, [W]);
    expect(rows).toEqual([{ dedupeKey: "committed-prisma", payload: { n: 1 }, state: "queued" }]);
    expect(committed).toMatch(/^[0-9a-f-]{36}$/);
    await drain();
    expect(await effects(committed!)).toBe(1);
    expect(await jobState(committed!)).toMatchObject({ state: "done", attempts: 1, finished: true, lockedBy: null });
  });

  test("a dedupe key is enqueued once per workspace; another workspace has its own", async () => {
    const first = await enqueueJob(db.sql, { workspaceId: W, kind: "test.effect", dedupeKey: "once" });
    expect(first).not.toBeNull();
    expect(await enqueueJob(db.sql, { workspaceId: W, kind: "test.effect", dedupeKey: "once" })).toBeNull();
    expect(await enqueueJob(db.sql, { workspaceId: X, kind: "test.effect", dedupeKey: "once" })).not.toBeNull();
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "Job" WHERE "dedupeKey" = 'once'`);
    expect(n).toBe(2);
    await expect(enqueueJob(db.sql, { workspaceId: "not-a-uuid", kind: "x" })).rejects.toThrow();
    await drain();
  });
});

describe("runner", () => {
  test("a failing job is retried after 10 s, 20 s, … and is dead after maxAttempts with its error", async () => {
    const id = (await enqueueJob(db.sql, { workspaceId: W, kind: "test.fail", maxAttempts: 3 }))!;
    await drain();
    expect(await jobState(id)).toMatchObject({ state: "queued", attempts: 1, lastError: "the receiver said no", lockedBy: null, delayS: 10 });
    await drain(); // not due yet: nothing happens
    expect((await jobState(id)).attempts).toBe(1);
    await db.sql.query(`UPDATE "Job" SET "runAt" = now() WHERE "id" = $1`, [id]);
    await drain();
    expect(await jobState(id)).toMatchObject({ state: "queued", attempts: 2, delayS: 20 });
    await db.sql.query(`UPDATE "Job" SET "runAt" = now() WHERE "id" = $1`, [id]);
    await drain();
    expect(await jobState(id)).toMatchObject({ state: "dead", attempts: 3, lastError: "the receiver said no", finished: true, lockedBy: null });
  });

  test("a transactional handler that fails leaves no effect behind", async () => {
    const id = (await enqueueJob(db.sql, { workspaceId: W, kind: "test.half", maxAttempts: 1 }))!;
    await drain();
    expect(await jobState(id)).toMatchObject({ state: "dead", lastError: "failed after writing" });
    expect(await effects(id)).toBe(0);
  });

  test("a running job whose lease lapsed is taken again; a live lease is left alone; too many lapses make it dead", async () => {
    const insert = async (lease: string, attempts: number) => {
      const [{ id }] = await db.sql.query<{ id: string }>(
        `INSERT INTO "Job" ("workspaceId", "kind", "state", "attempts", "maxAttempts", "lockedBy", "lockedUntil")
         VALUES ($1, 'test.effect', 'running', $2, 3, 'a-runner-that-died', now() + $3::interval) RETURNING "id"::text AS "id"`,
        [W, attempts, lease],
      );
      return id;
    };
    const lapsed = await insert("-1 second", 1);
    const live = await insert("10 minutes", 1);
    const exhausted = await insert("-1 second", 3);
    await drain();
    expect(await jobState(lapsed)).toMatchObject({ state: "done", attempts: 2 });
    expect(await effects(lapsed)).toBe(1);
    expect(await jobState(live)).toMatchObject({ state: "running", attempts: 1, lockedBy: "a-runner-that-died" });
    expect(await effects(live)).toBe(0);
    expect(await jobState(exhausted)).toMatchObject({ state: "dead", lastError: expect.stringContaining("stopped before it finished") });
    expect(await effects(exhausted)).toBe(0);
    await db.sql.query(`DELETE FROM "Job" WHERE "id" = $1`, [live]);
  });

  test("the heartbeat keeps a job that outlives its lease with its runner: a second runner never takes it", async () => {
    defineJobKind("test.slow", async (job, { tx }) => {
      await new Promise((r) => setTimeout(r, 1_500)); // five leases long
      await tx.query(`INSERT INTO job_effect ("jobId") VALUES ($1)`, [job.id]);
    });
    const id = (await enqueueJob(db.sql, { workspaceId: W, kind: "test.slow" }))!;
    const first = startJobRunner({ sql: db.sql, leaseMs: 300, pollMs: 50, dailyCheckMs: 0, workers: false, log: quiet });
    while ((await jobState(id)).state !== "running") await new Promise((r) => setTimeout(r, 10));
    const second = startJobRunner({ sql: db.sql, leaseMs: 300, pollMs: 50, dailyCheckMs: 0, workers: false, log: quiet });
    await first.idle();
    await second.idle();
    await Promise.all([first.stop(), second.stop()]);
    expect(await jobState(id)).toMatchObject({ state: "done", attempts: 1 });
    expect(await effects(id)).toBe(1);
  });

  test("an enqueue wakes the running runner at once (no waiting for the poll)", async () => {
    const runner = startJobRunner({ sql: db.sql, pollMs: 60_000, dailyCheckMs: 0, workers: false, log: quiet });
    await runner.idle();
    const id = (await enqueueJob(db.sql, { workspaceId: W, kind: "test.effect" }))!;
    const started = Date.now();
    while ((await jobState(id)).state !== "done" && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect((await jobState(id)).state).toBe("done");
    expect(Date.now() - started).toBeLessThan(5_000);
    await runner.stop();
  });

  test.skipIf(!onPostgres)("two runners on two pools run each of 60 jobs exactly once (PostgreSQL)", async () => {
    defineJobKind("test.race", async (job, { tx }) => {
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
      await tx.query(`INSERT INTO job_effect ("jobId", "runner") VALUES ($1, current_setting('application_name'))`, [job.id]);
    });
    const url = db.target.kind === "postgres" ? db.target.url : "";
    const pools = [1, 2].map((n) => new Pool({ connectionString: url, max: 4, application_name: `runner-${n}` }));
    try {
      for (let i = 0; i < 60; i++) await enqueueJob(db.sql, { workspaceId: i % 2 ? W : X, kind: "test.race" });
      const runners = pools.map((p) => startJobRunner({ sql: poolDriver(p), concurrency: 3, pollMs: 50, dailyCheckMs: 0, workers: false, log: quiet }));
      runners.forEach((r) => r.poke());
      await Promise.all(runners.map((r) => r.idle()));
      await Promise.all(runners.map((r) => r.stop()));
      const rows = await db.sql.query<{ runner: string; n: number; distinct: number }>(
        `SELECT e."runner", count(*)::int AS "n", count(DISTINCT e."jobId")::int AS "distinct" FROM job_effect e JOIN "Job" j ON j."id" = e."jobId" WHERE j."kind" = 'test.race' GROUP BY e."runner" ORDER BY e."runner"`,
      );
      expect(rows.reduce((s, r) => s + r.n, 0)).toBe(60);
      const [{ distinct, done }] = await db.sql.query<{ distinct: number; done: number }>(
        `SELECT (SELECT count(DISTINCT e."jobId")::int FROM job_effect e JOIN "Job" j ON j."id" = e."jobId" WHERE j."kind" = 'test.race') AS "distinct",
                (SELECT count(*)::int FROM "Job" WHERE "kind" = 'test.race' AND "state" = 'done' AND "attempts" = 1) AS "done"`,
      );
      expect({ distinct, done }).toEqual({ distinct: 60, done: 60 });
      expect(rows.map((r) => r.runner)).toEqual(["runner-1", "runner-2"]); // both took part
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

describe("crash safety", () => {
  test("kill -9 of a process mid-job: the job is taken again and its effect applied exactly once", { timeout: 120_000 }, async () => {
    // PostgreSQL: the child uses this file's database. PGlite: a folder of its own, opened here after the kill.
    const dir = onPostgres ? null : fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-crash-"));
    const target = db.target.kind === "postgres" ? db.target.url : path.join(dir!, "pglite");
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/support/job-child.ts"], {
      env: { ...process.env, JOB_CHILD_TARGET: target },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /mid-job (\S+) (\S+)\n/.exec(out);
        if (m) resolve(m[0]);
      });
      child.on("exit", (code) => reject(new Error(`the child exited (${code}) before the job started: ${stderr}`)));
      setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the child's job did not start within 90 s: ${stderr}`));
      }, 90_000).unref();
    });
    const [, jobId] = line.trim().split(" ");
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const other = dir ? await openDb({ kind: "pglite", dir: target }) : db;
    try {
      const query = <T>(text: string, params: unknown[]) => other.sql.query<T>(text, params);
      // The claim committed before the handler's transaction; the effect did not.
      expect(await query(`SELECT "state"::text AS "state", "attempts" FROM "Job" WHERE "id" = $1`, [jobId])).toEqual([{ state: "running", attempts: 1 }]);
      expect(await query(`SELECT count(*)::int AS "n" FROM job_effect WHERE "jobId" = $1`, [jobId])).toEqual([{ n: 0 }]);
      defineJobKind("test.crash", async (job, { tx }) => {
        await tx.query(`INSERT INTO job_effect ("jobId") VALUES ($1)`, [job.id]);
      }, { transactional: true });
      await new Promise((r) => setTimeout(r, 1_200)); // the child's 1 s lease lapses
      const runner = startJobRunner({ sql: other.sql, dailyCheckMs: 0, workers: false, log: quiet });
      await runner.idle();
      await runner.stop();
      expect(await query(`SELECT "state"::text AS "state", "attempts" FROM "Job" WHERE "id" = $1`, [jobId])).toEqual([{ state: "done", attempts: 2 }]);
      expect(await query(`SELECT count(*)::int AS "n" FROM job_effect WHERE "jobId" = $1`, [jobId])).toEqual([{ n: 1 }]);
    } finally {
      if (dir) {
        await other.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe("daily scheduler", () => {
  test("one job per workspace and local day, enqueued at the first check after local midnight (New York, across a DST-free midnight)", async () => {
    const ran: string[] = [];
    defineDailyJob("test.daily", async (job) => {
      ran.push(`${job.workspaceId === W ? "W" : job.workspaceId === X ? "X" : "other"} ${job.payload.day}`);
    });
    const keys = async (workspaceId: string) =>
      (await db.sql.query<{ dedupeKey: string }>(`SELECT "dedupeKey" FROM "Job" WHERE "workspaceId" = $1 AND "kind" = 'test.daily' ORDER BY "dedupeKey"`, [workspaceId])).map((r) => r.dedupeKey);
    // 23:58 on 14 March 2026 in New York (UTC−4 after the 8 March change) is 03:58 on 15 March in UTC.
    await enqueueDailyJobs(db.sql, new Date("2026-03-15T03:58:00Z"), ["test.daily"]);
    expect(await keys(W)).toEqual(["test.daily:2026-03-14"]);
    expect(await keys(X)).toEqual(["test.daily:2026-03-15"]);
    expect(await enqueueDailyJobs(db.sql, new Date("2026-03-15T03:59:30Z"), ["test.daily"])).toBe(0); // same local days
    expect(await enqueueDailyJobs(db.sql, new Date("2026-03-15T04:00:30Z"), ["test.daily"])).toBe(1); // 00:00:30 in New York
    expect(await keys(W)).toEqual(["test.daily:2026-03-14", "test.daily:2026-03-15"]);
    expect(await enqueueDailyJobs(db.sql, new Date("2026-03-15T23:59:00Z"), ["test.daily"])).toBe(0);
    expect(await keys(X)).toEqual(["test.daily:2026-03-15"]);
    await drain();
    expect(ran.filter((r) => r.startsWith("W")).sort()).toEqual(["W 2026-03-14", "W 2026-03-15"]);
    expect(ran.filter((r) => r.startsWith("X"))).toEqual(["X 2026-03-15"]);
  });
});

describe("workers", () => {
  test("a worker is called again while it works, sleeps when idle, is woken by wakeWorker, survives errors and stops with the runner", async () => {
    const calls: string[] = [];
    let queue = 3;
    let failNext = false;
    registerWorker("test.worker", async () => {
      if (failNext) {
        failNext = false;
        calls.push("error");
        throw new Error("boom");
      }
      calls.push(queue > 0 ? "work" : "idle");
      if (queue === 0) return false;
      queue--;
      return true;
    }, { idleMs: 60_000 });
    const lines: string[] = [];
    const runner = startJobRunner({ sql: db.sql, dailyCheckMs: 0, log: (l) => lines.push(l) });
    const until = async (n: number) => {
      const started = Date.now();
      while (calls.length < n && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
    };
    await until(4);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toEqual(["work", "work", "work", "idle"]); // asleep for a minute now
    queue = 1;
    wakeWorker("test.worker");
    await until(6);
    expect(calls.slice(4)).toEqual(["work", "idle"]);
    failNext = true;
    wakeWorker("test.worker");
    await until(7);
    expect(calls[6]).toBe("error");
    expect(lines.join("\n")).toContain("Worker test.worker failed (1 in a row): boom");
    await runner.stop();
    const count = calls.length;
    wakeWorker("test.worker");
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).toBe(count);
  });
});

describe("pruning, the jobs page's list and retry", () => {
  test("done jobs older than 30 days are pruned; dead ones and recent ones stay", async () => {
    const insert = async (state: string, finishedDaysAgo: number) =>
      (await db.sql.query<{ id: string }>(
        `INSERT INTO "Job" ("workspaceId", "kind", "state", "finishedAt") VALUES ($1, 'test.old', $2::"JobState", now() - make_interval(days => $3)) RETURNING "id"::text AS "id"`,
        [X, state, finishedDaysAgo],
      ))[0].id;
    const old = await insert("done", 31);
    const recent = await insert("done", 29);
    const oldDead = await insert("dead", 90);
    expect(await pruneDoneJobs(db.sql)).toBe(1);
    const left = (await db.sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Job" WHERE "kind" = 'test.old'`)).map((r) => r.id).sort();
    expect(left).toEqual([recent, oldDead].sort());
    expect(left).not.toContain(old);
    await db.sql.query(`DELETE FROM "Job" WHERE "kind" = 'test.old'`);
  });

  test("admins list a workspace's jobs by state and retry a dead one (audited); other workspaces and other roles cannot", async () => {
    const dead = (await enqueueJob(db.sql, { workspaceId: W, kind: "test.fail", maxAttempts: 1 }))!;
    await drain();
    const admin = { workspaceId: W, role: "admin" as const, userId: null };
    const overview = await listJobs(admin);
    expect(overview.dead.rows.find((j) => j.id === dead)).toMatchObject({ kind: "test.fail", lastError: "the receiver said no", attempts: 1, maxAttempts: 1 });
    expect(overview.done.total).toBeGreaterThan(0);
    expect((await listJobs({ workspaceId: X, role: "admin" })).dead.rows.map((j) => j.id)).not.toContain(dead);
    await expect(listJobs({ workspaceId: W, role: "editor" })).rejects.toThrow(/permission/);
    await expect(retryJob({ ...admin, role: "editor" }, { jobId: dead })).rejects.toThrow(/permission/);
    await expect(retryJob({ ...admin, workspaceId: X }, { jobId: dead })).rejects.toThrow(/not a failed job/);
    await expect(retryJob(admin, { jobId: "nope" })).rejects.toThrow();

    expect(await retryJob(admin, { jobId: dead })).toEqual({ id: dead, kind: "test.fail" });
    expect(await jobState(dead)).toMatchObject({ state: "queued", attempts: 0, lastError: "the receiver said no", finished: false });
    await expect(retryJob(admin, { jobId: dead })).rejects.toThrow(/not a failed job/); // queued now
    const audit = await db.sql.query<{ action: string; entityId: string; diff: unknown }>(`SELECT "action", "entityId", "diff" FROM "AuditLog" WHERE "workspaceId" = $1 AND "action" = 'job.retry'`, [W]);
    expect(audit).toEqual([{ action: "job.retry", entityId: dead, diff: { kind: "test.fail", error: "the receiver said no" } }]);
    await drain();
    expect(await jobState(dead)).toMatchObject({ state: "dead", attempts: 1 });
  });
});
