import "server-only";
import type { SqlDriver } from "@/lib/db/client";
import type { ImportType } from "./targets";

/**
 * Planner statistics after an import. Imports write many rows at once, and where autovacuum is off
 * (these machines) or has not run yet, the planner keeps its old row estimates: on a table that was
 * empty it then picks nested loops over grouped order sub-queries, and a 4-condition count over 700
 * customers and 4,800 orders took over 100 s instead of 9 ms. So an import ANALYZEs the tables it
 * changed substantially before it reports done, by autovacuum's own default rule: more than
 * 50 rows + 10 % of the rows the statistics knew of.
 */

// Constant identifiers (never user input): the tables each import type writes.
const TABLES: Readonly<Record<ImportType, readonly string[]>> = {
  customers: ["Customer"],
  orders: ["Order", "OrderItem", "Customer"], // the customers' derived order stats change too
  events: ["Event"],
};

const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

/** Whether writing `written` rows into a table whose statistics know of `known` rows (−1: never analyzed) calls for ANALYZE. */
export function needsAnalyze(written: number, known: number): boolean {
  return written > BASE_THRESHOLD + SCALE_FACTOR * Math.max(known, 0);
}

/** ANALYZEs the tables of an import type that `written` rows changed substantially; returns the tables analyzed. */
export async function refreshImportStatistics(sql: SqlDriver, type: ImportType, written: number): Promise<string[]> {
  if (written <= BASE_THRESHOLD) return [];
  const tables = TABLES[type];
  const known = await sql.query<{ relname: string; reltuples: number }>(
    `SELECT relname, reltuples::float8 AS reltuples FROM pg_class
      WHERE relname = ANY($1::text[]) AND relkind IN ('r', 'p') AND relnamespace = to_regnamespace(current_schema())`,
    [tables],
  );
  const stale = tables.filter((t) => needsAnalyze(written, known.find((k) => k.relname === t)?.reltuples ?? -1));
  if (stale.length > 0) await sql.exec(`ANALYZE ${stale.map((t) => `"${t}"`).join(", ")}`);
  return stale;
}
