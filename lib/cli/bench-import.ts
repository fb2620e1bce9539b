/**
 * `npm run bench -- import [--rows 100000] [--keep]`: imports generated customers (a realistic
 * CSV: 20 columns incl. dates, tags, money and two custom fields) into a fresh workspace of a
 * scratch database on the PostgreSQL server of DATABASE_URL, through the same engine as the
 * import page and the command line, and reports rows per second.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { z } from "zod";
import { createCustomField } from "@/lib/custom-fields/mutations";
import { closeDb, openDb, setDb } from "@/lib/db/client";
import { runImportJob } from "@/lib/import/engine";
import { mappingFromHeaders } from "@/lib/import/mapping";
import { createLocalJob, inspectLocalFile } from "@/lib/import/mutations";
import { targetsFor } from "@/lib/import/targets";
import { getCatalog } from "@/lib/fields/queries";
import { COUNTRIES } from "@/lib/seed/data/countries";
import { generateFirm, generatePerson } from "@/lib/seed/demographics";
import { Rng } from "@/lib/seed/prng";
import { createWorkspace } from "@/lib/workspaces/mutations";
import type { Benchmark } from "./bench";
import { count, integerOption, parseOptions, seconds } from "./commands/context";

const optionsSchema = z.object({ rows: integerOption("--rows", 1, 5_000_000).default(100_000), keep: z.boolean().default(false) });

const HEADERS = [
  "externalId", "email", "firstName", "lastName", "phone", "birthDate", "gender", "country", "city", "region", "language",
  "company", "jobTitle", "income", "tags", "emailOptIn", "lifecycleStage", "signedUpAt", "custom.loyalty_points", "custom.newsletter",
];
const TAGS = ["vip", "b2b", "newsletter", "wholesale", "returning", "influencer"];
const STAGES = ["lead", "prospect", "customer", "churned"];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes n generated customers as CSV (seeded: the same n gives the same file). */
export async function writeCustomersCsv(file: string, n: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const now = Date.UTC(2026, 0, 1);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", r)));
  await write(`${HEADERS.join(",")}\n`);
  for (let i = 0; i < n; i++) {
    const rng = new Rng(7, i);
    const country = COUNTRIES[i % COUNTRIES.length];
    const person = generatePerson(rng, country, now);
    const firm = rng.chance(0.3) ? generateFirm(rng) : null;
    const [city, region] = rng.pick(country.cities);
    const signedUp = new Date(now - rng.int(0, 5 * 365) * 86_400_000 - rng.int(0, 86_399) * 1000).toISOString().slice(0, 16).replace("T", " ");
    const cells = [
      `C${i}`, `${person.firstSlug}.${person.lastSlug}.${i}@${rng.pick(country.emailDomains)}`, person.firstName, person.lastName,
      `${country.phonePrefix} ${rng.int(100_000_000, 999_999_999)}`, person.birthDate, person.gender, country.code, city, region,
      country.languages[0][0], firm?.company ?? "", firm?.jobTitle ?? person.jobTitle, person.income.toFixed(2),
      rng.sample(TAGS, rng.int(0, 2)).join(";"), rng.chance(0.6) ? "yes" : "no", rng.pick(STAGES), signedUp,
      String(rng.int(0, 5000)), rng.chance(0.5) ? "true" : "false",
    ];
    await write(`${cells.map(csvCell).join(",")}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** CPU seconds (user + system) of local processes by pid, from /proc; null where unreadable (a remote server). */
function cpuSeconds(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  }
  return total;
}

async function backendPids(admin: Pool, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [database]);
  return rows.map((r) => r.pid);
}

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--rows") raw.rows = argv[++i];
    else if (argv[i] === "--keep") raw.keep = true;
    else throw new Error(`unknown option ${argv[i]} (use --rows <n>, --keep)`);
  }
  const options = parseOptions(optionsSchema, raw);
  const base = process.env.DATABASE_URL?.trim();
  if (!base) {
    log("Set DATABASE_URL to a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432/postgres; the benchmark creates (and drops) its own scratch database there.");
    return 1;
  }
  const name = `segmenta_bench_import_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new Pool({ connectionString: base, max: 1 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-bench-import-"));
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = await openDb({ kind: "postgres", url: url.toString() });
    setDb(db);
    const workspace = await createWorkspace(db, { slug: "bench-import", name: "Import benchmark", timeZone: "Europe/Warsaw" });
    const fields = { workspaceId: workspace.id, userId: null, role: "admin" as const };
    await createCustomField(fields, { key: "loyalty_points", label: "Loyalty points", type: "number" });
    await createCustomField(fields, { key: "newsletter", label: "Newsletter", type: "boolean" });
    const file = path.join(dir, "customers.csv");
    let t = Date.now();
    await writeCustomersCsv(file, options.rows);
    log(`Generated ${count(options.rows)} customers (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${HEADERS.length} columns) in ${seconds(Date.now() - t)}; scratch database ${name}.`);
    const ctx = { workspaceId: workspace.id, timeZone: "Europe/Warsaw", userId: null };
    t = Date.now();
    const local = await inspectLocalFile(file);
    const columns = mappingFromHeaders(local.scan.headers, targetsFor("customers", await getCatalog(ctx)), "customers");
    const { jobId } = await createLocalJob(ctx, { type: "customers", file: local, choices: { columns, match: "email", onExisting: "update" } });
    const checkMs = Date.now() - t;
    t = Date.now();
    const before = new Map((await backendPids(admin, name)).map((pid) => [pid, cpuSeconds([pid])]));
    const nodeBefore = process.cpuUsage();
    const result = await runImportJob(workspace.id, jobId);
    const importMs = Date.now() - t;
    const nodeCpu = (() => {
      const u = process.cpuUsage(nodeBefore);
      return (u.user + u.system) / 1e6;
    })();
    // Backends the pool opened during the import started at zero.
    const pids = await backendPids(admin, name);
    const pgAfter = cpuSeconds(pids);
    const pgBefore = pids.reduce<number | null>((sum, pid) => (sum === null ? null : sum + (before.has(pid) ? (before.get(pid) ?? NaN) : 0)), 0);
    if (!result || result.error) throw new Error(result?.error ?? "the import did not run");
    const p = result.progress;
    const stored = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "workspaceId" = $1`, [workspace.id]);
    log(`Checked the file (UTF-8, delimiter, ${count(p.totalRows)} rows) in ${seconds(checkMs)}.`);
    log(`Imported ${count(p.created)} created, ${count(p.updated)} updated, ${count(p.failed)} failed in ${seconds(importMs)}: ${count(Math.round(p.processedRows / (importMs / 1000)))} rows/s.`);
    log(`End to end (check + import): ${count(Math.round(p.processedRows / ((checkMs + importMs) / 1000)))} rows/s. Customers stored: ${count(stored[0].n)}.`);
    // Wall-clock figures depend on what else the machine runs; CPU time does not.
    if (pgBefore !== null && pgAfter !== null) {
      const pgCpu = pgAfter - pgBefore;
      // Node validates the next batch while PostgreSQL writes this one: on an idle machine with a core
      // for each, the slower of the two sets the pace; without any overlap it is their sum.
      const overlapped = Math.round(p.processedRows / Math.max(nodeCpu, pgCpu));
      const serial = Math.round(p.processedRows / (nodeCpu + pgCpu));
      log(`CPU time: Node ${nodeCpu.toFixed(1)} s, PostgreSQL ${pgCpu.toFixed(1)} s → on an idle machine ${count(serial)}–${count(overlapped)} rows/s (no overlap – full overlap).`);
    }
    log(`Machine load while it ran: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} (1, 5, 15 min) on ${os.cpus().length} cores.`);
    return p.failed === 0 && stored[0].n === options.rows ? 0 : 1;
  } finally {
    await closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
    if (options.keep) log(`Kept the scratch database ${name}.`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** The import benchmark. */
export const importBenchmark: Benchmark = {
  description: "import generated customers (default 100,000) into a fresh workspace on PostgreSQL and report rows/s",
  usage: "import [--rows <n>] [--keep]",
  run,
};
