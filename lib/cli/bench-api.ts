/**
 * `npm run bench -- api [--rows 100000] [--customers 1000000] [--clients 4] [--samples 200] [--port 3190] [--keep]`:
 * the public API under load, on a scratch database of the PostgreSQL server of DATABASE_URL
 * (default 127.0.0.1:5432). It starts a production server (`npm start`: builds first when the build
 * is stale) on that database, then
 *  1. sends `--rows` generated customers, then as many events, through POST /customers/batch and
 *     /events/batch (1,000 a request, `--clients` clients at once) and reports rows/s, beside the same
 *     rows loaded through the CSV import engine in the same run (the baseline);
 *  2. loads `--customers` customers (with orders and events) the way the seed does (COPY, not the
 *     API; statistics fresh), and reports p50/p95 of a single upsert, of a 200-customer page of
 *     GET /customers, and of a 200-member page of GET /segments/<id>/members and of GET /customers?segment=<id>.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { Pool } from "pg";
import { z } from "zod";
import { generateApiKey } from "@/lib/api/keys/secret";
import { createCustomField } from "@/lib/custom-fields/mutations";
import { closeDb, openDb, setDb, type Db } from "@/lib/db/client";
import { runImportJob } from "@/lib/import/engine";
import { mappingFromHeaders } from "@/lib/import/mapping";
import { createLocalJob, inspectLocalFile } from "@/lib/import/mutations";
import { targetsFor } from "@/lib/import/targets";
import type { ImportType } from "@/lib/import/targets";
import { getCatalog } from "@/lib/fields/queries";
import { seedWorkspace } from "@/lib/seed/load";
import { createWorkspace } from "@/lib/workspaces/mutations";
import type { Benchmark } from "./bench";
import { writeCustomersCsv } from "./bench-import";
import { count, integerOption, parseOptions, seconds } from "./commands/context";
import { benchCommand, parseBenchArgs } from "./bench-command";

const optionsSchema = z.object({
  rows: integerOption("--rows", 1000, 1_000_000),
  customers: integerOption("--customers", 1000, 5_000_000),
  clients: integerOption("--clients", 1, 16),
  samples: integerOption("--samples", 10, 5000),
  port: integerOption("--port", 1024, 65535),
  keep: z.boolean().default(false),
});
type Options = z.output<typeof optionsSchema>;

const BATCH = 1000;
const TIME_ZONE = "Europe/Warsaw";
const EVENT_NAMES = ["viewed_product", "added_to_cart", "opened_email", "clicked_email", "searched"];

type Json = Record<string, unknown>;

/** The generated customers CSV as API records (the same values, as JSON types). */
function apiCustomers(file: string): Json[] {
  const rows = parseCsv(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row) => {
    const record: Json = {};
    const custom: Json = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === "") continue;
      if (key === "custom.loyalty_points") custom.loyalty_points = Number(value);
      else if (key === "custom.newsletter") custom.newsletter = value === "true";
      else if (key === "tags") record.tags = value.split(";");
      else if (key === "emailOptIn") record.emailOptIn = value === "yes";
      else record[key] = value;
    }
    return { ...record, custom };
  });
}

/** Event i: one of the first `customers` customers by external id, a name, a time, two properties. */
function event(i: number, customers: number): { eventId: string; name: string; occurredAt: string; customerExternalId: string; properties: { page: string; value: number } } {
  const at = new Date(Date.UTC(2026, 10, 1) + ((i * 7919) % (30 * 86_400)) * 1000).toISOString();
  return { eventId: `E${i}`, name: EVENT_NAMES[i % EVENT_NAMES.length], occurredAt: at, customerExternalId: `C${i % customers}`, properties: { page: `/p/${i % 500}`, value: i % 100 } };
}

function writeEventsCsv(file: string, n: number, customers: number): void {
  const lines = ["customerExternalId,name,occurredAt,properties.page,properties.value"];
  for (let i = 0; i < n; i++) {
    const e = event(i, customers);
    lines.push(`${e.customerExternalId},${e.name},${e.occurredAt},${e.properties.page},${e.properties.value}`);
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
}

/** CPU seconds (user + system) of a process, from /proc; 0 when it is gone. */
function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The pids of a process group (the server: npm, start.ts, next-server). */
function groupPids(pgid: number): number[] {
  return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[2]) === pgid;
    } catch {
      return false;
    }
  });
}

/** CPU seconds used by the server's processes and the scratch database's backends while fn ran (local server only). */
async function measureCpu<T>(admin: Pool, database: string, serverGroup: number, fn: () => Promise<T>): Promise<{ result: T; node: number; pg: number | null }> {
  const backends = async () => (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [database])).rows.map((r) => r.pid);
  const pgBefore = new Map((await backends()).map((pid) => [pid, cpuOf(pid)]));
  const nodeBefore = groupPids(serverGroup).reduce((n, pid) => n + cpuOf(pid), 0);
  const result = await fn();
  const nodeAfter = groupPids(serverGroup).reduce((n, pid) => n + cpuOf(pid), 0);
  const after = await backends();
  // Backends opened meanwhile started at zero; /proc is unreadable for a remote server.
  const readable = fs.existsSync(`/proc/${after[0] ?? 0}/stat`);
  const pg = readable ? after.reduce((n, pid) => n + cpuOf(pid) - (pgBefore.get(pid) ?? 0), 0) : null;
  return { result, node: nodeAfter - nodeBefore, pg };
}

function cpuLine(rows: number, cpu: { node: number; pg: number | null }): string {
  if (cpu.pg === null) return `server CPU ${cpu.node.toFixed(1)} s`;
  const overlapped = Math.round(rows / Math.max(cpu.node, cpu.pg));
  const serial = Math.round(rows / (cpu.node + cpu.pg));
  return `CPU: server (Node) ${cpu.node.toFixed(1)} s, PostgreSQL ${cpu.pg.toFixed(1)} s → on an idle 2-core machine ${count(serial)}–${count(overlapped)}/s (no overlap – full overlap)`;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latency(name: string, ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `${name}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms (${sorted.length} requests, max ${sorted.at(-1)!.toFixed(1)} ms)`;
}

class Api {
  constructor(readonly base: string, readonly key: string) {}

  async call(method: string, route: string, body?: unknown): Promise<{ status: number; json: Json; ms: number }> {
    const started = performance.now();
    const res = await fetch(`${this.base}/api/v1${route}`, {
      method,
      headers: { Authorization: `Bearer ${this.key}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Json;
    return { status: res.status, json, ms: performance.now() - started };
  }
}

/** Sends records in batches of 1,000 with `clients` clients at once; returns the wall time and what the answers counted. */
async function sendBatches(api: Api, route: string, records: readonly unknown[], clients: number): Promise<{ ms: number; summary: Record<string, number> }> {
  const summary: Record<string, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (;;) {
      const start = next;
      next += BATCH;
      if (start >= records.length) return;
      const res = await api.call("POST", route, { data: records.slice(start, start + BATCH) });
      if (res.status !== 200) throw new Error(`${route} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
      for (const [k, v] of Object.entries(res.json.summary as Record<string, number>)) summary[k] += v;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { ms: performance.now() - started, summary };
}

async function importFile(db: Db, workspaceId: string, type: ImportType, file: string): Promise<{ ms: number; rows: number }> {
  const ctx = { workspaceId, timeZone: TIME_ZONE, userId: null };
  const local = await inspectLocalFile(file);
  const columns = mappingFromHeaders(local.scan.headers, targetsFor(type, await getCatalog(ctx)), type);
  const started = performance.now();
  const { jobId } = await createLocalJob(ctx, { type, file: local, choices: { columns, match: type === "customers" ? "externalId" : "email", onExisting: "update" } });
  const result = await runImportJob(workspaceId, jobId);
  if (!result || result.error || result.progress.failed > 0) throw new Error(`the ${type} import failed: ${result?.error ?? `${result?.progress.failed} rows failed`}`);
  return { ms: performance.now() - started, rows: result.progress.processedRows };
}

async function benchWorkspace(db: Db, slug: string): Promise<{ id: string; key: string }> {
  const workspace = await createWorkspace(db, { slug, name: slug, timeZone: TIME_ZONE });
  const fields = { workspaceId: workspace.id, userId: null, role: "admin" as const };
  await createCustomField(fields, { key: "loyalty_points", label: "Loyalty points", type: "number" });
  await createCustomField(fields, { key: "newsletter", label: "Newsletter", type: "boolean" });
  const key = generateApiKey();
  await db.prisma.apiKey.create({ data: { workspaceId: workspace.id, name: "bench", prefix: key.prefix, hashedKey: key.hash, access: "read_write" } });
  return { id: workspace.id, key: key.secret };
}

function startServer(url: string, port: number, dataDir: string, log: (line: string) => void): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  // Its own process group, so stopping it stops next-server too.
  const child = spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, PORT: String(port), DATABASE_URL: url, SEGMENTA_DATA_DIR: dataDir, NEXTAUTH_SECRET: crypto.randomBytes(24).toString("base64url"),
      SEGMENTA_API_RATE_LIMIT: "1000000", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
    },
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      output.push(line);
      if (/build|error/i.test(line) && output.length < 200) log(`  server: ${line}`);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output };
}

async function waitForServer(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/login`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the server did not start within 15 minutes");
}

interface CpuProbe {
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; node: number; pg: number | null }>;
}

async function throughput(db: Db, api: Api, importWorkspace: string, options: Options, dir: string, cpu: CpuProbe, log: (line: string) => void): Promise<void> {
  const customersCsv = path.join(dir, "customers.csv");
  await writeCustomersCsv(customersCsv, options.rows);
  const customers = apiCustomers(customersCsv);
  const events = Array.from({ length: options.rows }, (_, i) => event(i, options.rows));
  const eventsCsv = path.join(dir, "events.csv");
  writeEventsCsv(eventsCsv, options.rows, options.rows);

  const cm = await cpu.measure(() => sendBatches(api, "/customers/batch", customers, options.clients));
  const c = cm.result;
  const cRate = options.rows / (c.ms / 1000);
  log(`API customers: ${count(options.rows)} in ${seconds(c.ms)} → ${count(Math.round(cRate))} customers/s (${options.clients} clients × ${BATCH}-record batches; ${JSON.stringify(c.summary)})`);
  log(`  ${cpuLine(options.rows, cm)}`);
  const em = await cpu.measure(() => sendBatches(api, "/events/batch", events, options.clients));
  const e = em.result;
  const eRate = options.rows / (e.ms / 1000);
  log(`API events:    ${count(options.rows)} in ${seconds(e.ms)} → ${count(Math.round(eRate))} events/s (${JSON.stringify(e.summary)})`);
  log(`  ${cpuLine(options.rows, em)}`);
  const again = await sendBatches(api, "/events/batch", events.slice(0, Math.min(events.length, 20_000)), options.clients);
  log(`API events sent again (idempotent): ${count(again.summary.unchanged)} unchanged, ${again.summary.created} created, ${count(Math.round(Math.min(events.length, 20_000) / (again.ms / 1000)))} events/s`);
  if (c.summary.failed + e.summary.failed > 0 || again.summary.created > 0) throw new Error("some API records failed, or a repeated event was stored twice");

  const ci = await importFile(db, importWorkspace, "customers", customersCsv);
  const ei = await importFile(db, importWorkspace, "events", eventsCsv);
  const ciRate = ci.rows / (ci.ms / 1000);
  const eiRate = ei.rows / (ei.ms / 1000);
  log(`CSV import (baseline, same rows, same run): customers ${count(Math.round(ciRate))}/s (${seconds(ci.ms)}), events ${count(Math.round(eiRate))}/s (${seconds(ei.ms)})`);
  log(`API ÷ import: customers ${(cRate / ciRate).toFixed(2)}×, events ${(eRate / eiRate).toFixed(2)}×. Aim: ≥ 5,000 customers/s and ≥ 10,000 events/s.`);
}

async function latencies(db: Db, base: string, options: Options, log: (line: string) => void): Promise<void> {
  const ws = await benchWorkspace(db, "bench-api-scale");
  const api = new Api(base, ws.key);
  const t = performance.now();
  const seeded = await seedWorkspace(db, { workspaceSlug: "bench-api-scale", customers: options.customers, seed: 12, log: (line) => log(`  ${line}`) });
  log(`Loaded ${count(seeded.rows.Customer)} customers, ${count(seeded.rows.Order)} orders, ${count(seeded.rows.Event)} events (COPY, then ANALYZE: statistics fresh) in ${seconds(performance.now() - t)}.`);
  const segment = await db.prisma.segment.create({
    data: {
      workspaceId: ws.id, name: "Repeat buyers in PL or DE",
      definition: { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "country", operator: "in", value: ["PL", "DE"] }, { type: "field", field: "ordersCount", operator: "gte", value: 2 }] } },
    },
    select: { id: true },
  });
  const existing = await db.sql.query<{ email: string }>(`SELECT "email" FROM "Customer" WHERE "workspaceId" = $1::uuid AND "email" IS NOT NULL ORDER BY "id" LIMIT $2`, [ws.id, Math.ceil(options.samples / 2)]);

  const upserts: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const body = i % 2 === 0 || !existing[i >> 1] ? { email: `bench-new-${i}@example.com`, firstName: "New", custom: { loyalty_points: i } } : { email: existing[i >> 1].email, firstName: `Changed ${i}` };
    const res = await api.call("POST", "/customers", body);
    if (res.status !== 200 && res.status !== 201) throw new Error(`POST /customers answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
    upserts.push(res.ms);
  }
  log(latency("Single upsert (POST /customers, half new, half updates)", upserts));

  const walk = async (route: string, pages: number): Promise<number[]> => {
    const times: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < pages; i++) {
      const res = await api.call("GET", `${route}${route.includes("?") ? "&" : "?"}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
      times.push(res.ms);
      cursor = res.json.nextCursor as string | null;
      if (!cursor) cursor = null;
    }
    return times;
  };
  log(latency("200-customer page (GET /customers?limit=200, walking the cursor)", await walk("/customers", options.samples)));
  const memberPages = Math.max(10, Math.floor(options.samples / 4));
  log(latency("200-member page (GET /segments/<id>/members?limit=200, walking the cursor)", await walk(`/segments/${segment.id}/members`, memberPages)));
  log(latency("200-member page (GET /customers?segment=<id>&limit=200, walking the cursor)", await walk(`/customers?segment=${segment.id}`, memberPages)));
}

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("bench api", log)
    .option("--rows <n>", "customers, and events, sent through the batch endpoints", "100000")
    .option("--customers <n>", "customers of the workspace the latencies are measured on", "1000000")
    .option("--clients <n>", "concurrent API clients", "4")
    .option("--samples <n>", "requests per latency figure", "200")
    .option("--port <n>", "the bench server's port", "3190")
    .option("--keep", "keep the scratch database");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  const baseUrl = process.env.DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `segmenta_bench_api_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new Pool({ connectionString: baseUrl, max: 1 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-bench-api-"));
  await admin.query(`CREATE DATABASE "${name}"`);
  let server: { child: ChildProcess; output: string[] } | null = null;
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const db = await openDb({ kind: "postgres", url: url.toString() });
    setDb(db);
    const [{ autovacuum }] = await db.sql.query<{ autovacuum: string }>("SHOW autovacuum");
    log(`Scratch database ${name} (autovacuum ${autovacuum}); ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}.`);
    const apiWorkspace = await benchWorkspace(db, "bench-api");
    const importWorkspace = await benchWorkspace(db, "bench-api-import");
    const base = `http://localhost:${options.port}`;
    log(`Starting the production server on ${base} (npm start; it builds first when the build is stale)…`);
    server = startServer(url.toString(), options.port, path.join(dir, "data"), log);
    await waitForServer(base, server.child);
    const serverGroup = server.child.pid!;
    const probe: CpuProbe = { measure: (fn) => measureCpu(admin, name, serverGroup, fn) };
    await throughput(db, new Api(base, apiWorkspace.key), importWorkspace.id, options, dir, probe, log);
    await latencies(db, base, options, log);
    log(`Machine load at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} (1, 5, 15 min).`);
    return 0;
  } catch (e) {
    if (server) log(server.output.slice(-20).join("\n"));
    throw e;
  } finally {
    if (server?.child.pid && server.child.exitCode === null) {
      try {
        process.kill(-server.child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
    if (options.keep) log(`Kept the scratch database ${name}.`);
    else {
      await new Promise((r) => setTimeout(r, 1000));
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    await admin.end();
  }
}

/** The API benchmark. */
export const apiBenchmark: Benchmark = {
  description: "API batches (customers, events) over HTTP vs the CSV import, and p50/p95 of an upsert and a 200-row page at scale (PostgreSQL)",
  usage: "api [--rows N] [--customers N]",
  run,
};
