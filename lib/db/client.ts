import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { clientDriver, pgliteDriver, poolDriver, type SqlDriver } from "./driver";
import { acquireDirLock } from "./lock";
import { migrate } from "./migrate";
import { targetFromEnv, type DbTarget } from "./target";

export type { DbTarget } from "./target";
export type { SqlDriver } from "./driver";

/** An open database: the Prisma client, a raw SQL driver, and the handle underneath. */
export interface Db {
  prisma: PrismaClient;
  sql: SqlDriver;
  target: DbTarget;
  pgPool?: Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

interface OpenOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  log?: (line: string) => void;
  /** PGlite only: start from this dumped data folder (tests use a migrated template). */
  pgliteTemplate?: Blob;
}

async function openPostgres(url: string, options: OpenOptions): Promise<Db> {
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  let closing = false;
  // An idle connection can be cut by the server (restart, or a test dropping its database as
  // it closes); log it unless we are the ones closing.
  pool.on("error", (e) => {
    if (!closing) console.error("PostgreSQL pool error:", e.message);
  });
  try {
    if (options.migrate !== false) {
      const client = await pool.connect();
      try {
        await migrate(clientDriver(client), { log: options.log });
      } finally {
        client.release();
      }
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: poolDriver(pool),
    target: { kind: "postgres", url },
    pgPool: pool,
    async close() {
      closing = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string | null, options: OpenOptions): Promise<Db> {
  const release = dir ? acquireDirLock(dir) : () => undefined;
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create({ dataDir: dir ?? undefined, loadDataDir: options.pgliteTemplate, extensions: { pg_trgm } });
    const sql = pgliteDriver(pglite);
    if (options.migrate !== false) await migrate(sql, { log: options.log });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const handle = pglite;
    return {
      prisma,
      sql,
      target: { kind: "pglite", dir },
      pglite: handle,
      async close() {
        await prisma.$disconnect();
        await handle.close();
        release();
      },
    };
  } catch (e) {
    await pglite?.close().catch(() => undefined);
    release();
    throw e;
  }
}

/** Opens a database (not the process singleton), applying pending migrations unless told not to. */
export function openDb(target: DbTarget, options: OpenOptions = {}): Promise<Db> {
  return target.kind === "postgres" ? openPostgres(target.url, options) : openPglite(target.dir, options);
}

// Kept on globalThis so Next's dev reloads reuse one connection (and one PGlite lock).
const holder = globalThis as unknown as { __segmentaDb?: Promise<Db> };

/** The process's database, opened on first use from DATABASE_URL (PostgreSQL) or PGlite in the data folder. */
export function getDb(): Promise<Db> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database is not opened during `next build`; make the page dynamic.");
  }
  if (!holder.__segmentaDb) {
    holder.__segmentaDb = openDb(targetFromEnv());
    holder.__segmentaDb.catch(() => {
      holder.__segmentaDb = undefined; // let the next request try again
    });
  }
  return holder.__segmentaDb;
}

/** Makes db the process's database (tests, scripts that opened their own). */
export function setDb(db: Db): void {
  holder.__segmentaDb = Promise.resolve(db);
}

/** Closes the process's database if it was opened. */
export async function closeDb(): Promise<void> {
  const pending = holder.__segmentaDb;
  holder.__segmentaDb = undefined;
  if (pending) await (await pending).close();
}
