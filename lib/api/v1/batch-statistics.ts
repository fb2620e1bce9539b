import "server-only";
import type { SqlDriver } from "@/lib/db/client";
import { needsAnalyze } from "@/lib/import/statistics";

/**
 * Planner statistics after API writes (the import's finding, lib/import/statistics.ts: a table
 * filled without ANALYZE made a segment count take 100 s instead of 9 ms, and autovacuum is off on
 * these machines). One API batch is small next to its table, but thousands of them fill it just
 * the same, so after each write the tables it touched are analyzed once the rows changed since
 * their last analysis pass autovacuum's own rule (needsAnalyze: 50 + 10 % of the known rows).
 * "Changed since" is the larger of PostgreSQL's n_mod_since_analyze (shared by every process, but
 * flushed about once a second) and what this process wrote since it last analyzed the table.
 */

// Constant identifiers (never user input): the tables API writes touch.
export type WrittenTable = "Customer" | "Order" | "OrderItem" | "Event";

const writtenHere = new Map<WrittenTable, number>();
const analyzing = new Set<WrittenTable>();

interface TableStats {
  relname: WrittenTable;
  reltuples: number;
  modified: number | null;
}

/**
 * Records that a committed write changed `rows` rows of each table, and ANALYZEs those whose
 * changes since their last analysis call for it (one at a time per table in this process). Returns
 * the tables analyzed.
 */
export async function refreshWriteStatistics(sql: SqlDriver, tables: readonly WrittenTable[], rows: number): Promise<WrittenTable[]> {
  if (rows <= 0) return [];
  for (const table of tables) writtenHere.set(table, (writtenHere.get(table) ?? 0) + rows);
  const stats = await sql.query<TableStats>(
    `SELECT c.relname, c.reltuples::float8 AS reltuples, s.n_mod_since_analyze::float8 AS modified
       FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND c.relnamespace = to_regnamespace(current_schema())`,
    [tables],
  );
  const stale = tables.filter((table) => {
    if (analyzing.has(table)) return false;
    const known = stats.find((s) => s.relname === table);
    const changed = Math.max(writtenHere.get(table) ?? 0, known?.modified ?? 0);
    return needsAnalyze(changed, known?.reltuples ?? -1);
  });
  if (stale.length === 0) return [];
  for (const table of stale) analyzing.add(table);
  try {
    await sql.exec(`ANALYZE ${stale.map((t) => `"${t}"`).join(", ")}`);
    for (const table of stale) writtenHere.set(table, 0);
  } finally {
    for (const table of stale) analyzing.delete(table);
  }
  return stale;
}
