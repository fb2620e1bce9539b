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
 *
 * Like autovacuum, which looks at a table at most once a minute, a table this process analyzed less
 * than 10 s ago (SEGMENTA_ANALYZE_MIN_INTERVAL_MS) waits — unless it has more than doubled since,
 * the case that misleads the planner (an empty table filled). During a long load the 10 % rule
 * alone would ANALYZE the table some 55 times per 100,000 rows, a third of the database's work.
 */

// Constant identifiers (never user input): the tables API writes touch.
export type WrittenTable = "Customer" | "Order" | "OrderItem" | "Event";

const writtenHere = new Map<WrittenTable, number>();
const analyzedAt = new Map<WrittenTable, number>();

function minIntervalMs(): number {
  const raw = Number(process.env.SEGMENTA_ANALYZE_MIN_INTERVAL_MS);
  return Number.isFinite(raw) && raw >= 0 ? raw : 10_000;
}
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
    const rows = known?.reltuples ?? -1;
    if (!needsAnalyze(changed, rows)) return false;
    const recent = Date.now() - (analyzedAt.get(table) ?? -Infinity) < minIntervalMs();
    // The doubling check counts this process's own writes only: n_mod_since_analyze may still hold
    // rows flushed after the last ANALYZE that it already saw.
    return !recent || (writtenHere.get(table) ?? 0) > Math.max(rows, 0);
  });
  if (stale.length === 0) return [];
  for (const table of stale) analyzing.add(table);
  try {
    await sql.exec(`ANALYZE ${stale.map((t) => `"${t}"`).join(", ")}`);
    for (const table of stale) {
      writtenHere.set(table, 0);
      analyzedAt.set(table, Date.now());
    }
  } finally {
    for (const table of stale) analyzing.delete(table);
  }
  return stale;
}
