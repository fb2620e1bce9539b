/**
 * `npm run bench -- customers [--workspace bench] [--runs 3] [--only text] [--export]`: times the
 * customer table's page queries (count included, as the page runs them) for the shapes in
 * lib/customers/list-bench.ts on an existing workspace of the PostgreSQL server of DATABASE_URL
 * (seed one first, e.g. with `npm run bench -- segments --customers 1000000`), and optionally the
 * streamed CSV export of the whole table with the process's peak memory.
 */
import os from "node:os";
import { z } from "zod";
import { ensureWorkspaceSortIndexes } from "@/lib/custom-fields/sort-index";
import { closeDb, getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { benchCustomerExport, benchCustomerList } from "@/lib/customers/list-bench";
import type { Benchmark } from "./bench";
import { integerOption, parseOptions } from "./commands/context";
import { benchCommand, parseBenchArgs } from "./bench-command";

const optionsSchema = z.object({
  workspace: z.string().min(1),
  runs: integerOption("--runs", 1, 50),
  only: z.string().optional(),
  export: z.boolean().default(false),
});

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("bench customers", log)
    .option("--workspace <slug>", "the workspace to measure", "bench")
    .option("--runs <n>", "timed runs of each shape (min and median reported)", "3")
    .option("--only <text>", "only the shapes whose name contains this")
    .option("--export", "also stream the CSV export of the whole table");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  if (!process.env.DATABASE_URL) throw new AppError("invalid", "The customer table benchmark runs on PostgreSQL: set DATABASE_URL=postgresql://…");
  try {
    const db = await getDb();
    const [ws] = await db.sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Workspace" WHERE "slug" = $1`, [options.workspace]);
    if (ws) await ensureWorkspaceSortIndexes(db.sql, ws.id);
    log(`Customer table of "${options.workspace}"; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs.`);
    await benchCustomerList(options.workspace, { runs: options.runs, only: options.only, log });
    if (options.export) await benchCustomerExport(options.workspace, {}, log);
    return 0;
  } finally {
    await closeDb();
  }
}

/** The customer table benchmark. */
export const customersBenchmark: Benchmark = {
  description: "customer table pages (sort, search, deep pages) and the CSV export on an existing workspace (PostgreSQL)",
  usage: "customers [--workspace S] [--export]",
  run,
};
