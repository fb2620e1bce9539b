/**
 * `npm run bench -- membership`: stored segment membership at 1,000,000 customers on the PostgreSQL
 * server of DATABASE_URL (docs/decisions/016), with 20 saved segments (the segments benchmark's
 * cases and the segment they refer to, the dashboard benchmark's three, and six more):
 *
 * 1. The segments list and the three dashboards evaluated live (stored membership set aside).
 * 2. Full evaluation of the three dashboard segments from nothing stored (apply + change log +
 *    memberCount), each against a plain INSERT … SELECT of the same members into a copy of
 *    "SegmentMember" (same keys, no log), run before and after it; the ratio is to their mean.
 * 3. Every other segment evaluated (sync), then single-customer writes through Prisma with the
 *    job runner in this process (the membership and webhook workers, as the server runs them) and a
 *    webhook receiver on loopback: latency from the write's commit to the stored member row and to
 *    the receiver getting the message, p50 / p95.
 * 4. The segments list and the three dashboards again, reading stored membership (counts checked
 *    against step 1).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { z } from "zod";
import { ensureStatistics, ensureReferencedSegment, prepareBenchWorkspace, type BenchWorkspace } from "@/lib/bench/bench-workspace";
import { SEGMENT_CASES } from "@/lib/bench/segment-cases";
import { median } from "@/lib/bench/timing";
import { computeDashboard } from "@/lib/dashboard/queries";
import { closeDb, setDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import "@/lib/jobs/kinds";
import { startJobRunner } from "@/lib/jobs/runner";
import { evaluateSegment } from "@/lib/membership/evaluate";
import { loadWorkspaceState, memberPredicate } from "@/lib/membership/state";
import { syncMembership } from "@/lib/membership/sync";
import { listSegments } from "@/lib/segments/saved-queries";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/lib/webhooks/mutations";
import type { Benchmark } from "./bench";
import { DASHBOARD_BENCH_SEGMENTS, openBenchDb } from "./bench-dashboard";
import { count, integerOption, parseOptions } from "./commands/context";
import { benchCommand, parseBenchArgs } from "./bench-command";

const PREFIX = "Membership bench: ";
const ENDPOINT_DESCRIPTION = "npm run bench -- membership";
/** The tag the timed writes give a customer and take away again (the segment below). */
const WRITE_TAG = "membership-bench";
/** How long one write may take to reach the receiver before the run fails. */
const WRITE_TIMEOUT_MS = 120_000;
const and = (...children: unknown[]) => ({ version: 1, root: { type: "group", combinator: "and", negate: false, children } });
const field = (name: string, operator: string, value?: unknown) => ({ type: "field", field: name, operator, ...(value === undefined ? {} : { value }) });

/** The six segments of this benchmark's own (with the 10 cases, the referenced one and the dashboard three: 20). */
const OWN_SEGMENTS = [
  { name: `${PREFIX}tagged by the benchmark`, definition: and(field("tags", "has_any", [WRITE_TAG])) },
  { name: `${PREFIX}Iceland`, definition: and(field("country", "in", ["IS"])) },
  { name: `${PREFIX}VIP tag`, definition: and(field("tags", "has_any", ["vip"])) },
  { name: `${PREFIX}five or more orders`, definition: and(field("ordersCount", "gte", 5)) },
  { name: `${PREFIX}spent 200 to 500`, definition: and(field("totalSpent", "between", [200, 500])) },
  { name: `${PREFIX}men who opted in`, definition: and(field("gender", "eq", "male"), field("emailOptIn", "is_true")) },
];

const optionsSchema = z.object({
  writes: integerOption("--writes", 4, 1000),
  runs: integerOption("--runs", 1, 10),
});

async function saveSegment(db: Db, workspaceId: string, name: string, definition: unknown): Promise<string> {
  const [found] = await db.sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Segment" WHERE "workspaceId" = $1 AND "name" = $2 ORDER BY "createdAt" LIMIT 1`, [workspaceId, name]);
  if (found) return found.id;
  const [created] = await db.sql.query<{ id: string }>(
    `INSERT INTO "Segment" ("workspaceId", "name", "description", "definition") VALUES ($1, $2, 'Saved by npm run bench -- membership.', $3::jsonb) RETURNING "id"::text AS "id"`,
    [workspaceId, name, JSON.stringify(definition)],
  );
  return created.id;
}

/** The 20 segments, saved when missing; returns the dashboard three and the write target. */
async function ensureSegments(db: Db, workspaceId: string): Promise<{ dashboards: { id: string; name: string; definition: unknown }[]; target: string; all: number }> {
  const ref = await ensureReferencedSegment(db, workspaceId);
  for (const c of SEGMENT_CASES) await saveSegment(db, workspaceId, `${PREFIX}${c.name}`, c.definition(ref));
  const dashboards = [];
  for (const s of DASHBOARD_BENCH_SEGMENTS) dashboards.push({ id: await saveSegment(db, workspaceId, s.name, s.definition), name: s.name, definition: s.definition as unknown });
  const own = [];
  for (const s of OWN_SEGMENTS) own.push(await saveSegment(db, workspaceId, s.name, s.definition));
  return { dashboards, target: own[0], all: 1 + SEGMENT_CASES.length + dashboards.length + own.length };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function medianOf<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await timed(fn));
  return { ms: median(results.map((r) => r.ms)), value: results.at(-1)!.value };
}

interface ReadTimes {
  listMs: number;
  dashboards: { name: string; members: number; ms: number }[];
}

async function readTimes(w: BenchWorkspace, dashboards: { id: string; name: string; definition: unknown }[], runs: number, stored: boolean): Promise<ReadTimes> {
  const list = await medianOf(runs, () => listSegments(w.scope, { q: "", sort: "name", dir: "asc" }));
  const notStored = list.value.rows.filter((r) => !r.membership.usable).length;
  if (stored && notStored > 0) throw new Error(`${notStored} segments were not read from stored membership`);
  if (!stored && notStored !== list.value.rows.length) throw new Error("the live reading found stored membership in use");
  const out: ReadTimes = { listMs: list.ms, dashboards: [] };
  for (const d of dashboards) {
    const r = await medianOf(runs, async () => (await computeDashboard(w.scope, d.definition, { now: new Date(), segmentId: d.id, timeoutMs: 600_000 })).headline.members);
    out.dashboards.push({ name: d.name.replace("Dashboard bench: ", ""), members: r.value, ms: r.ms });
  }
  return out;
}

/** Stored membership of the workspace set aside: readers evaluate live. */
async function setAside(db: Db, workspaceId: string): Promise<void> {
  await db.sql.query(`UPDATE "Segment" SET "membershipVersion" = NULL WHERE "workspaceId" = $1`, [workspaceId]);
}

/** Nothing stored for the segment (members, log): its next evaluation starts from scratch. */
async function forget(db: Db, workspaceId: string, segmentId: string): Promise<void> {
  await db.sql.query(`UPDATE "Segment" SET "memberCount" = NULL, "membershipVersion" = NULL WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, segmentId]);
  await db.sql.query(`DELETE FROM "SegmentMember" WHERE "workspaceId" = $1 AND "segmentId" = $2`, [workspaceId, segmentId]);
  await db.sql.query(`DELETE FROM "SegmentMembershipChange" WHERE "workspaceId" = $1 AND "segmentId" = $2`, [workspaceId, segmentId]);
}

/** A plain INSERT … SELECT of the segment's members into a copy of "SegmentMember"; ms. */
async function plainInsert(db: Db, w: BenchWorkspace, segmentId: string, now: Date): Promise<{ ms: number; rows: number }> {
  const state = (await db.sql.transaction((tx) => loadWorkspaceState(tx, w.scope.workspaceId, now)))!;
  const predicate = memberPredicate(state, state.segments.get(segmentId)!);
  await db.sql.exec(`DROP TABLE IF EXISTS "MembershipBenchCopy"; CREATE TABLE "MembershipBenchCopy" (LIKE "SegmentMember" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  try {
    const started = performance.now();
    const rows = await db.sql.query(
      `INSERT INTO "MembershipBenchCopy" ("workspaceId", "segmentId", "customerId", "since")
       SELECT c."workspaceId", $${predicate.values.length + 1}::uuid, c."id", now() FROM "Customer" c WHERE ${predicate.text} RETURNING 1`,
      [...predicate.values, segmentId],
    );
    return { ms: performance.now() - started, rows: rows.length };
  } finally {
    await db.sql.exec(`DROP TABLE IF EXISTS "MembershipBenchCopy"`);
  }
}

interface Receiver {
  url: string;
  /** Resolves when a message mentioning this customer arrives. */
  waitFor(customerId: string): Promise<number>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const waiting = new Map<string, (at: number) => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString("utf8");
      res.writeHead(200).end("ok");
      for (const [id, resolve] of waiting) {
        if (body.includes(id)) {
          waiting.delete(id);
          resolve(at);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    waitFor: (customerId) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no webhook for customer ${customerId} within ${WRITE_TIMEOUT_MS / 1000} s`)), WRITE_TIMEOUT_MS);
        waiting.set(customerId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Single-customer writes, each tagging a customer into the target segment or untagging it. */
async function writeLatencies(db: Db, w: BenchWorkspace, target: string, writes: number, log: (line: string) => void): Promise<{ membership: number[]; webhook: number[] }> {
  const ws = w.scope.workspaceId;
  const receiver = await startReceiver();
  process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
  const ctx = { workspaceId: ws, userId: null, role: "admin" as const };
  const { endpoint } = await createWebhookEndpoint(ctx, { url: receiver.url, description: ENDPOINT_DESCRIPTION, eventTypes: ["segment.entered", "segment.exited"] });
  const runner = startJobRunner({ sql: db.sql, dailyCheckMs: 0, log: () => undefined });
  const membership: number[] = [];
  const webhook: number[] = [];
  try {
    // Customers from anywhere in the table (a 1 % block sample), each tagged and then untagged.
    const people = await db.sql.query<{ id: string; tags: string[] }>(
      `SELECT "id"::text AS "id", "tags" FROM "Customer" TABLESAMPLE SYSTEM (1) WHERE "workspaceId" = $1 AND NOT ("tags" @> ARRAY[$3]::text[]) LIMIT $2`,
      [ws, Math.ceil(writes / 2), WRITE_TAG],
    );
    for (let i = 0; i < writes; i++) {
      const person = people[Math.floor(i / 2) % people.length];
      const entering = i % 2 === 0;
      // A random pause, so writes land anywhere in the workers' idle cycle.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
      const delivered = receiver.waitFor(person.id);
      await db.prisma.customer.update({ where: { workspaceId_id: { workspaceId: ws, id: person.id } }, data: { tags: entering ? [...person.tags, WRITE_TAG] : person.tags } });
      const committed = performance.now();
      for (;;) {
        const [row] = await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS "n" FROM "SegmentMember" WHERE "workspaceId" = $1 AND "segmentId" = $2 AND "customerId" = $3`,
          [ws, target, person.id],
        );
        if ((row.n === 1) === entering) break;
        if (performance.now() - committed > WRITE_TIMEOUT_MS) throw new Error(`customer ${person.id}'s write was not applied within ${WRITE_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      membership.push(performance.now() - committed);
      webhook.push((await delivered) - committed);
    }
    log(`  ${writes} writes: membership updated p50 ${percentile(membership, 50).toFixed(0)} ms, p95 ${percentile(membership, 95).toFixed(0)} ms; webhook delivered p50 ${percentile(webhook, 50).toFixed(0)} ms, p95 ${percentile(webhook, 95).toFixed(0)} ms`);
  } finally {
    await runner.stop();
    await deleteWebhookEndpoint(ctx, endpoint.id);
    await receiver.close();
  }
  return { membership, webhook };
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("bench membership", log)
    .option("--writes <n>", "timed single-customer writes (half enter the target segment, half leave it)", "40")
    .option("--runs <n>", "timed runs of each read (median reported)", "3");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  if (!process.env.DATABASE_URL) throw new AppError("invalid", "The membership benchmark runs on PostgreSQL: set DATABASE_URL=postgresql://… (the 1,000,000-customer workspace is seeded when missing).");
  const db = await openBenchDb(log);
  setDb(db);
  try {
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
    const [version] = await db.sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const now = new Date();
    const w = await prepareBenchWorkspace(db, { customers: 1_000_000, seed: 1, now, log });
    const ws = w.scope.workspaceId;
    const { dashboards, target, all } = await ensureSegments(db, ws);
    // What an interrupted run may have left: its endpoint (every evaluation would write messages
    // for it) and customers still tagged.
    await db.sql.query(`DELETE FROM "WebhookEndpoint" WHERE "workspaceId" = $1 AND "description" = $2`, [ws, ENDPOINT_DESCRIPTION]);
    await db.sql.query(`UPDATE "Customer" SET "tags" = array_remove("tags", $2) WHERE "workspaceId" = $1 AND "tags" @> ARRAY[$2]::text[]`, [ws, WRITE_TAG]);
    log(`PostgreSQL ${version.v}, ${os.cpus().length} CPUs, load average ${load()}. Workspace "${w.slug}": ${count(w.customers)} customers, ${count(w.orders)} orders, ${all} benchmark segments; ${await ensureStatistics(db)}.`);

    log("1. Reading live (stored membership set aside):");
    await setAside(db, ws);
    const before = await readTimes(w, dashboards, options.runs, false);
    log(`  segments list ${fmt(before.listMs)}; dashboards ${before.dashboards.map((d) => fmt(d.ms)).join(", ")}`);

    log("2. Full evaluation from nothing stored vs a plain INSERT … SELECT of the same members:");
    const evaluations = [];
    for (const d of dashboards) {
      await forget(db, ws, d.id);
      const first = await plainInsert(db, w, d.id, now);
      const evaluation = await timed(() => evaluateSegment(ws, d.id, "full_refresh", now));
      const second = await plainInsert(db, w, d.id, now);
      const baseline = (first.ms + second.ms) / 2;
      const entered = evaluation.value?.entered ?? 0;
      if (entered !== first.rows) throw new Error(`${d.name}: the evaluation stored ${entered} members, the INSERT … SELECT ${first.rows}`);
      evaluations.push({ name: d.name.replace("Dashboard bench: ", ""), members: entered, ms: evaluation.ms, baseline });
      log(`  ${evaluations.at(-1)!.name.padEnd(28)} ${count(entered).padStart(9)} members: ${fmt(evaluation.ms)} vs ${fmt(baseline)} (${(evaluation.ms / baseline).toFixed(2)}×)`);
    }

    log("3. The other segments evaluated, then writes → stored membership → webhook:");
    const sync = await timed(() => syncMembership({ workspaceId: ws }));
    log(`  sync of the remaining segments and the queue: ${fmt(sync.ms)}`);
    const latency = await writeLatencies(db, w, target, options.writes, log);

    log("4. Reading stored membership:");
    const after = await readTimes(w, dashboards, options.runs, true);
    for (const [i, d] of after.dashboards.entries()) {
      if (d.members !== before.dashboards[i].members) throw new Error(`${d.name}: stored ${d.members} members, live ${before.dashboards[i].members}`);
    }
    log(`  segments list ${fmt(after.listMs)}; dashboards ${after.dashboards.map((d) => fmt(d.ms)).join(", ")}`);

    log("");
    log(`${"measure".padEnd(44)} ${"before (live)".padStart(14)} ${"stored".padStart(10)} ${"ratio".padStart(7)}  aim`);
    log(`${`segments list (${all}+ segments)`.padEnd(44)} ${fmt(before.listMs).padStart(14)} ${fmt(after.listMs).padStart(10)} ${(after.listMs / before.listMs).toFixed(3).padStart(7)}  < 500 ms: ${after.listMs < 500 ? "met" : "MISSED"}`);
    for (const [i, d] of after.dashboards.entries()) {
      const b = before.dashboards[i];
      log(`${`dashboard: ${d.name} (${count(d.members)})`.padEnd(44)} ${fmt(b.ms).padStart(14)} ${fmt(d.ms).padStart(10)} ${(d.ms / b.ms).toFixed(3).padStart(7)}  < 5 s: ${d.ms < 5000 ? "met" : "MISSED"}`);
    }
    log("");
    log(`${"full evaluation".padEnd(44)} ${"stored".padStart(14)} ${"INSERT…SELECT".padStart(14)} ${"ratio".padStart(7)}`);
    for (const e of evaluations) log(`${`${e.name} (${count(e.members)})`.padEnd(44)} ${fmt(e.ms).padStart(14)} ${fmt(e.baseline).padStart(14)} ${(e.ms / e.baseline).toFixed(2).padStart(7)}`);
    log("");
    log(`write → membership updated: p50 ${fmt(percentile(latency.membership, 50))}, p95 ${fmt(percentile(latency.membership, 95))}; → webhook delivered: p50 ${fmt(percentile(latency.webhook, 50))}, p95 ${fmt(percentile(latency.webhook, 95))} (${options.writes} writes, ${all} segments, workers idle 500 ms)`);
    log(`load average at the end: ${load()}`);
    return 0;
  } finally {
    await closeDb();
  }
}

/** The membership benchmark, for lib/cli/bench.ts. */
export const membershipBenchmark: Benchmark = {
  description: "stored membership at 1,000,000 customers: full evaluation, write → webhook latency, list and dashboards before/after (PostgreSQL)",
  usage: "membership [--writes 40]",
  run,
};
