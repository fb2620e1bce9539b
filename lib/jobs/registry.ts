/**
 * What the job runner knows how to do, registered by the modules that own the work: job kinds
 * (a handler per kind), daily kinds (one job per workspace and local day) and background workers
 * (loops that drain a queue of their own). Kept on globalThis: Next bundles instrumentation.ts
 * (which starts the runner) apart from the routes (which enqueue and wake), and both must see one
 * registry and one runner.
 */
import type { z } from "zod";
import type { SqlDriver } from "@/lib/db/driver";

/** A claimed job as its handler sees it. */
export interface Job<P = unknown> {
  workspaceId: string;
  id: string;
  kind: string;
  payload: P;
  /** Claims so far, this one included. */
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  /** The error of the previous attempt, if any. */
  lastError: string | null;
  dedupeKey: string | null;
}

/**
 * Where a handler does its work. With `transactional: true`, tx is the transaction in which the
 * runner then marks the job done: the work and "done" commit together or not at all. Otherwise tx
 * is the plain driver and the handler must be idempotent (a crash after its work and before "done"
 * runs it again).
 */
export interface JobHandlerContext {
  tx: SqlDriver;
}

export type JobHandler<P> = (job: Job<P>, ctx: JobHandlerContext) => Promise<void>;

export interface JobKindOptions<P> {
  /** Parses the stored payload before the handler sees it (a parse failure is an attempt's error). */
  payload?: z.ZodType<P>;
  /** Run the handler and the "done" mark in one transaction (see JobHandlerContext). */
  transactional?: boolean;
}

export interface JobKind {
  kind: string;
  handler: JobHandler<unknown>;
  payload?: z.ZodType;
  transactional: boolean;
}

/** A daily kind's handler gets the workspace-local day it was enqueued for. */
export type DailyPayload = { day: string };

export interface Worker {
  name: string;
  work: () => Promise<boolean>;
  idleMs: number;
  /** Set by wakeWorker while the worker is busy, so its next idle sleep is skipped. */
  nudged: boolean;
  /** Ends the current idle sleep early (set while sleeping). */
  wake?: () => void;
}

interface Registry {
  kinds: Map<string, JobKind>;
  daily: Set<string>;
  workers: Map<string, Worker>;
  /** Called on every enqueue in this process (the running runner's wake-up). */
  enqueueListeners: Set<() => void>;
  /** Called when a worker is registered while a runner is running. */
  workerListeners: Set<(worker: Worker) => void>;
}

const holder = globalThis as unknown as { __segmentaJobs?: Registry };

/** The process's registry. */
export function registry(): Registry {
  holder.__segmentaJobs ??= { kinds: new Map(), daily: new Set(), workers: new Map(), enqueueListeners: new Set(), workerListeners: new Set() };
  return holder.__segmentaJobs;
}

/** Registers the handler of a job kind (once per kind; a second definition replaces the first). */
export function defineJobKind<P = unknown>(kind: string, handler: JobHandler<P>, options: JobKindOptions<P> = {}): void {
  registry().kinds.set(kind, { kind, handler: handler as JobHandler<unknown>, payload: options.payload, transactional: options.transactional ?? false });
}

/**
 * Registers a daily kind: the runner enqueues one job of it per workspace and workspace-local day
 * (dedupeKey `<kind>:<YYYY-MM-DD>`), at its first check after local midnight.
 */
export function defineDailyJob(kind: string, handler: JobHandler<DailyPayload>, options: Omit<JobKindOptions<DailyPayload>, "payload"> = {}): void {
  defineJobKind(kind, handler, { ...options, payload: undefined });
  registry().daily.add(kind);
}

/**
 * Registers a background worker hosted by the runner: work() is called again at once while it
 * returns true (it did something) and after idleMs when it returns false; errors are logged and
 * backed off. A second registration under the same name replaces the first.
 */
export function registerWorker(name: string, work: () => Promise<boolean>, options: { idleMs: number }): void {
  const worker: Worker = { name, work, idleMs: options.idleMs, nudged: false };
  registry().workers.set(name, worker);
  for (const listener of registry().workerListeners) listener(worker);
}

/** Nudges a worker to run now instead of finishing its idle sleep (a no-op when there is none). */
export function wakeWorker(name: string): void {
  const worker = registry().workers.get(name);
  if (!worker) return;
  worker.nudged = true;
  worker.wake?.();
}

/** Tells the runner in this process that a job was enqueued. */
export function notifyEnqueued(): void {
  for (const listener of registry().enqueueListeners) listener();
}
