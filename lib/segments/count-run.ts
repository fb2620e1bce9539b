/**
 * Running count queries under a time budget. On PostgreSQL every statement runs in one read-only
 * transaction with `statement_timeout` set to what is left of the budget, so a slow definition
 * ends with AppError("timeout") instead of a hung page. PGlite (embedded, single-threaded WASM)
 * has no timer to interrupt a running statement (statement_timeout is accepted but never fires):
 * there the budget is only checked between statements, and one slow statement runs to its end.
 */
import "server-only";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Default budget of one count (or one funnel) for the builder. */
export const COUNT_TIMEOUT_MS = 10_000;

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (or a cancel request). */
const QUERY_CANCELED = "57014";

/** A parameterized statement ($1… placeholders), such as a Prisma.Sql. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Runs one statement; budget-aware inside runCounting. */
export type RunStatement = <T>(statement: Statement) => Promise<T[]>;

function timeoutError(timeoutMs: number): AppError {
  const shown = timeoutMs >= 1000 ? `${Number((timeoutMs / 1000).toFixed(1))} s` : `${timeoutMs} ms`;
  return new AppError(
    "timeout",
    `Counting took longer than ${shown} and was stopped. Narrow the segment (fewer or more selective conditions, shorter order or event windows) and try again.`,
  );
}

function isCancelled(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === QUERY_CANCELED;
}

/**
 * Runs fn with a statement runner whose statements together must finish within timeoutMs;
 * throws AppError("timeout") when they don't (PostgreSQL: the running statement is cancelled).
 */
export async function runCounting<R>(timeoutMs: number, fn: (run: RunStatement) => Promise<R>): Promise<R> {
  const { sql } = await getDb();
  const deadline = performance.now() + timeoutMs;
  const remaining = () => {
    const left = Math.floor(deadline - performance.now());
    if (left <= 0) throw timeoutError(timeoutMs);
    return left;
  };
  try {
    return await sql.transaction(async (tx: SqlDriver) => {
      await tx.query("SET TRANSACTION READ ONLY");
      // JIT compilation costs a few hundred ms per statement, more than it saves on counts this size.
      // A count hashes or sorts a few hundred thousand customer ids: room for that in memory
      // instead of spilling to disk at the 4 MB default.
      if (tx.kind === "postgres") await tx.query("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)");
      const run: RunStatement = async <T>(statement: Statement) => {
        const left = remaining();
        if (tx.kind === "postgres") await tx.query("SELECT set_config('statement_timeout', $1, true)", [String(left)]);
        return tx.query<T>(statement.text, statement.values);
      };
      return fn(run);
    });
  } catch (error) {
    if (isCancelled(error)) throw timeoutError(timeoutMs);
    throw error;
  }
}
