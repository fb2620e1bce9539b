/**
 * The benchmark's workspace: reused when it already holds N customers (the 1,000,000-customer
 * workspace "bench"; "bench-<N>" for other sizes), generated with the seed loader otherwise;
 * statistics fresh; and the saved segment the reference case points at.
 */
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { seedWorkspace } from "@/lib/seed/load";
import type { SegmentScope } from "@/lib/segments/count";
import { REFERENCED_SEGMENT } from "./segment-cases";

const TABLES = ["Customer", "Order", "OrderItem", "Event"] as const;

/** The workspace a run measures. */
export interface BenchWorkspace {
  slug: string;
  scope: SegmentScope;
  customers: number;
  orders: number;
}

/** The slug used for N customers when none is given. */
export function benchSlug(customers: number): string {
  return customers === 1_000_000 ? "bench" : `bench-${customers}`;
}

async function customerCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "workspaceId" = $1`, [workspaceId]);
  return row.n;
}

/** Finds (or creates and seeds) the workspace; a named workspace (--workspace) is used as it is. */
export async function prepareBenchWorkspace(
  db: Db,
  options: { customers: number; slug?: string; seed: number; now: Date; log: (line: string) => void },
): Promise<BenchWorkspace> {
  const slug = options.slug ?? benchSlug(options.customers);
  let workspace = await db.prisma.workspace.findUnique({ where: { slug }, select: { id: true, timeZone: true } });
  if (!workspace && options.slug) throw new AppError("not_found", `There is no workspace "${slug}".`);
  if (!workspace) workspace = await db.prisma.workspace.create({ data: { slug, name: `Benchmark (${options.customers.toLocaleString("en-US")} customers)` }, select: { id: true, timeZone: true } });
  let customers = await customerCount(db, workspace.id);
  if (customers === 0 && !options.slug) {
    options.log(`Seeding ${options.customers.toLocaleString("en-US")} customers into "${slug}" (seed ${options.seed})…`);
    await seedWorkspace(db, { workspaceSlug: slug, customers: options.customers, seed: options.seed, now: options.now, log: options.log });
    options.log("VACUUM ANALYZE of the new rows…");
    for (const table of TABLES) await db.sql.exec(`VACUUM (ANALYZE) "${table}"`);
    customers = await customerCount(db, workspace.id);
  } else if (customers !== options.customers && !options.slug) {
    throw new AppError(
      "conflict",
      `Workspace "${slug}" has ${customers.toLocaleString("en-US")} customers, not ${options.customers.toLocaleString("en-US")}: pass --workspace ${slug} to use it as it is, or use another database.`,
    );
  }
  const [orders] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" WHERE "workspaceId" = $1`, [workspace.id]);
  return { slug, scope: { workspaceId: workspace.id, timeZone: workspace.timeZone }, customers, orders: orders.n };
}

/** ANALYZEs the tables the planner has no (or stale: > 10 % changed) statistics for; returns what it did. */
export async function ensureStatistics(db: Db): Promise<string> {
  const rows = await db.sql.query<{ table: string; live: number; changed: number; analyzed: boolean }>(
    `SELECT relname AS "table", n_live_tup::float8 AS live, n_mod_since_analyze::float8 AS changed,
            (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analyzed
       FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
    [[...TABLES]],
  );
  const stale = rows.filter((r) => !r.analyzed || r.changed > 0.1 * Math.max(r.live, 1)).map((r) => r.table);
  for (const table of stale) await db.sql.exec(`ANALYZE "${table}"`);
  return stale.length > 0 ? `ANALYZE run on ${stale.join(", ")}` : "statistics are fresh (ANALYZE had run on every table)";
}

/** Saves (or updates) the segment the reference case points at; returns its id. */
export async function ensureReferencedSegment(db: Db, workspaceId: string): Promise<string> {
  const definition = JSON.stringify(REFERENCED_SEGMENT.definition);
  const [found] = await db.sql.query<{ id: string }>(
    `SELECT "id"::text AS "id" FROM "Segment" WHERE "workspaceId" = $1 AND "name" = $2 ORDER BY "createdAt" LIMIT 1`,
    [workspaceId, REFERENCED_SEGMENT.name],
  );
  if (found) {
    await db.sql.query(`UPDATE "Segment" SET "definition" = $3::jsonb WHERE "workspaceId" = $1 AND "id" = $2 AND "definition" <> $3::jsonb`, [workspaceId, found.id, definition]);
    return found.id;
  }
  const [created] = await db.sql.query<{ id: string }>(
    `INSERT INTO "Segment" ("workspaceId", "name", "description", "definition") VALUES ($1, $2, $3, $4::jsonb) RETURNING "id"::text AS "id"`,
    [workspaceId, REFERENCED_SEGMENT.name, "Saved by npm run bench -- segments for its segment-reference case.", definition],
  );
  return created.id;
}
