/**
 * Bulk-loads generated customers, orders, items and events into a workspace with COPY —
 * never row by row. Generation (optionally in a worker thread) overlaps with ingestion.
 */
import { ensureWorkspaceSortIndexes } from "@/lib/custom-fields/sort-index";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { inlineChunkSource, workerChunkSource, type ChunkSource } from "./chunk-source";
import { COPY_TABLES, emptyCounts, type CopyTable, type TableCounts } from "./copy-rows";
import { openPgliteSink, openPostgresSink, type CopySink } from "./copy-sink";
import { SEED_CUSTOM_FIELDS } from "./custom-fields";
import { deleteWorkspaceCustomers, ensureSeedCustomFields, estimatedRowCounts, findWorkspaceForSeed } from "./workspace-data";
import type { RenderedChunk } from "./render";

export const MAX_SEED_CUSTOMERS = 10_000_000;

export const seedOptionsSchema = z.object({
  workspaceSlug: z.string().trim().min(1, "Give the workspace slug."),
  customers: z.number().int().min(1).max(MAX_SEED_CUSTOMERS),
  seed: z.number().int().min(0).max(0xffffffff),
  now: z.date().optional(),
  replace: z.boolean().default(false),
  /** Generate in a worker thread: "auto" does so from 20,000 customers up. */
  worker: z.union([z.boolean(), z.literal("auto")]).default("auto"),
  chunkSize: z.number().int().min(1).max(100_000).optional(),
  /**
   * Drop secondary indexes for the load and rebuild them before commit (PostgreSQL, table
   * owner only; locks the tables meanwhile). "auto": for big loads into tables smaller than the load.
   */
  rebuildIndexes: z.union([z.boolean(), z.literal("auto")]).default("auto"),
});
export type SeedOptions = z.input<typeof seedOptionsSchema> & { log?: (line: string) => void };

export type SeedResult = {
  workspaceId: string;
  rows: TableCounts;
  customFieldsCreated: number;
  replacedCustomers: number;
  /** "parallel": a connection per table with foreign-key triggers off; "serial": one connection. */
  copyMode: CopySink["mode"];
  generator: ChunkSource["kind"];
  elapsedMs: number;
  /** Time spent generating and rendering COPY text (overlaps with copying when in a worker). */
  generateMs: number;
  /** Time connections spent in COPY, summed over connections. */
  copyMs: number;
  /** Rebuilding dropped indexes and committing, after the last COPY. */
  commitMs: number;
  /** ANALYZE after the load, so the planner knows the new row counts. */
  analyzeMs: number;
};

const WORKER_THRESHOLD = 20_000;
const REBUILD_THRESHOLD = 50_000;
/** Rows per customer the generator makes on average, for sizing decisions. */
const ROWS_PER_CUSTOMER: TableCounts = { Customer: 1, Order: 9.5, OrderItem: 17.5, Event: 10.8 };
const MAX_CHUNKS_COPYING = 3;

function quiet(promise: Promise<unknown>): void {
  promise.catch(() => undefined); // awaited later; this only stops an "unhandled rejection" in between
}

async function pump(source: ChunkSource, sink: CopySink, total: number, chunkSize: number, onChunk: (chunk: RenderedChunk) => void): Promise<number> {
  const free: Record<CopyTable, Uint8Array>[] = [];
  const renders: Promise<RenderedChunk>[] = [];
  const copies: Promise<void>[] = [];
  let generateMs = 0;
  let next = 0;
  const requestRender = () => {
    const count = Math.min(chunkSize, total - next);
    const render = source.render({ start: next, count }, free.pop());
    quiet(render);
    renders.push(render);
    next += count;
  };
  while (next < total && renders.length < 2) requestRender();
  while (renders.length > 0) {
    const chunk = await (renders.shift() as Promise<RenderedChunk>);
    generateMs += chunk.renderMs;
    const tables = COPY_TABLES.filter((table) => chunk.rows[table] > 0);
    const copied = Promise.all(tables.map((table) => sink.copy(table, chunk.buffers[table].subarray(0, chunk.lengths[table])))).then(() => {
      free.push(chunk.buffers);
      onChunk(chunk);
    });
    quiet(copied);
    copies.push(copied);
    while (copies.length >= MAX_CHUNKS_COPYING) await copies.shift();
    if (next < total) requestRender();
  }
  await Promise.all(copies);
  return generateMs;
}

function progressReporter(total: number, log: (line: string) => void, started: number) {
  const rows = emptyCounts();
  let lastLogAt = started;
  return {
    rows,
    onChunk(chunk: RenderedChunk) {
      for (const table of COPY_TABLES) rows[table] += chunk.rows[table];
      const now = performance.now();
      if (total >= 50_000 && (now - lastLogAt > 5_000 || rows.Customer === total)) {
        lastLogAt = now;
        const pct = Math.round((100 * rows.Customer) / total);
        log(`${rows.Customer.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} customers (${pct}%), ${rows.Order.toLocaleString("en-US")} orders, ${rows.Event.toLocaleString("en-US")} events, ${((now - started) / 1000).toFixed(0)} s`);
      }
    },
  };
}

async function tablesToRebuild(db: Db, customers: number, setting: boolean | "auto"): Promise<CopyTable[]> {
  if (!db.pgPool || setting === false) return [];
  if (setting === true) return [...COPY_TABLES];
  if (customers < REBUILD_THRESHOLD) return [];
  const existing = await estimatedRowCounts(db, COPY_TABLES);
  return COPY_TABLES.filter((table) => existing[table] < customers * ROWS_PER_CUSTOMER[table]);
}

/** Loads `customers` generated customers (with orders, items, events) into a workspace; refuses a workspace that has customers unless `replace`. */
export async function seedWorkspace(db: Db, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const parsed = seedOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError("invalid", parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; "));
  }
  const input = parsed.data;
  const started = performance.now();
  const workspace = await findWorkspaceForSeed(db, input.workspaceSlug);
  let replacedCustomers = 0;
  if (workspace.customerCount > 0) {
    if (!input.replace) {
      throw new AppError("conflict", `Workspace "${input.workspaceSlug}" already has ${workspace.customerCount.toLocaleString("en-US")} customers. Use --replace to delete them (with their orders and events) and load new ones.`);
    }
    log(`Deleting the ${workspace.customerCount.toLocaleString("en-US")} existing customers of "${input.workspaceSlug}"…`);
    replacedCustomers = await deleteWorkspaceCustomers(db, workspace.id);
  }
  const customFieldsCreated = await ensureSeedCustomFields(db, workspace.id, SEED_CUSTOM_FIELDS);
  await ensureWorkspaceSortIndexes(db.sql, workspace.id);

  const now = (input.now ?? new Date()).getTime();
  const useWorker = input.worker === "auto" ? input.customers >= WORKER_THRESHOLD : input.worker;
  const chunkSize = input.chunkSize ?? (useWorker ? 2_000 : 500);
  const rebuild = await tablesToRebuild(db, input.customers, input.rebuildIndexes);
  if (rebuild.length > 0) log(`Indexes of ${rebuild.join(", ")} are rebuilt after the load; those tables are locked until it commits.`);
  const renderOptions = { seed: input.seed, now, workspaceId: workspace.id };
  const source = useWorker ? workerChunkSource(renderOptions) : inlineChunkSource(renderOptions);
  let sink: CopySink | null = null;
  const progress = progressReporter(input.customers, log, started);
  let generateMs = 0;
  let commitMs = 0;
  try {
    sink = db.pgPool ? await openPostgresSink(db.pgPool, { rebuildIndexes: rebuild }) : db.pglite ? await openPgliteSink(db.pglite) : null;
    if (!sink) throw new Error("The database handle has neither a pg pool nor PGlite: cannot bulk-load.");
    log(`Loading ${input.customers.toLocaleString("en-US")} customers into "${input.workspaceSlug}" (seed ${input.seed}; ${sink.mode} COPY, generating ${source.kind === "worker" ? "in a worker thread" : "inline"})…`);
    generateMs = await pump(source, sink, input.customers, chunkSize, progress.onChunk);
    const commitStarted = performance.now();
    if (rebuild.length > 0) log("Rebuilding indexes and committing…");
    await sink.commit();
    commitMs = performance.now() - commitStarted;
  } catch (error) {
    await sink?.rollback();
    throw error;
  } finally {
    await source.close();
  }
  const analyzeStarted = performance.now();
  await db.sql.exec(`ANALYZE "Customer", "Order", "OrderItem", "Event"`);
  const end = performance.now();
  return {
    workspaceId: workspace.id,
    rows: progress.rows,
    customFieldsCreated,
    replacedCustomers,
    copyMode: sink.mode,
    generator: source.kind,
    elapsedMs: end - started,
    generateMs,
    copyMs: sink.busyMs(),
    commitMs,
    analyzeMs: end - analyzeStarted,
  };
}
