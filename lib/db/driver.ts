import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

/** Raw SQL access for what Prisma does not do well: migrations, bulk loads, compiled segment SQL. */
export interface SqlDriver {
  kind: "postgres" | "pglite";
  /** One parameterized statement; rows come back as plain objects. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (a migration file). */
  exec(text: string): Promise<void>;
  /** Runs fn in one transaction on one connection; rolls back when it throws. */
  transaction<R>(fn: (tx: SqlDriver) => Promise<R>): Promise<R>;
}

type Queryable = Pick<PoolClient, "query">;

function pgDriver(client: Queryable, transaction: SqlDriver["transaction"]): SqlDriver {
  return {
    kind: "postgres",
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query(text, params);
      return res.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
    transaction,
  };
}

/** A driver over one dedicated pg client (session state such as advisory locks stays with it). */
export function clientDriver(client: PoolClient): SqlDriver {
  const transaction: SqlDriver["transaction"] = async (fn) => {
    await client.query("BEGIN");
    try {
      const result = await fn(pgDriver(client, (inner) => inner(tx)));
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
  };
  const tx: SqlDriver = pgDriver(client, transaction);
  return tx;
}

/** A driver over a pg Pool; transactions take a dedicated client. */
export function poolDriver(pool: Pool): SqlDriver {
  const transaction: SqlDriver["transaction"] = async (fn) => {
    const client = await pool.connect();
    try {
      return await clientDriver(client).transaction(fn);
    } finally {
      client.release();
    }
  };
  return pgDriver(pool, transaction);
}

function pgliteLike(q: PGlite | Transaction, transaction: SqlDriver["transaction"]): SqlDriver {
  return {
    kind: "pglite",
    async query<T>(text: string, params: unknown[] = []) {
      const res = await q.query<T>(text, params);
      return res.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
    transaction,
  };
}

/** A driver over an embedded PGlite instance (one connection; statements run serially). */
export function pgliteDriver(pglite: PGlite): SqlDriver {
  const transaction: SqlDriver["transaction"] = (fn) =>
    pglite.transaction((t) => {
      const nested: SqlDriver["transaction"] = (inner) => inner(tx);
      const tx = pgliteLike(t, nested);
      return fn(tx);
    });
  return pgliteLike(pglite, transaction);
}
