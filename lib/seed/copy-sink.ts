/**
 * Where rendered COPY text goes: PostgreSQL through COPY FROM STDIN (pg-copy-streams), or
 * PGlite through COPY FROM '/dev/blob'. Work is queued on "lanes", each one connection in
 * one transaction. With foreign-key triggers off (session_replication_role = replica,
 * allowed for superusers) each table gets its own lane and PostgreSQL ingests tables in
 * parallel; otherwise one lane keeps parents before children in a single transaction.
 */
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COPY_TABLES, copyStatement, type CopyTable } from "./copy-rows";

export type CopySink = {
  /** "parallel" (a lane per table, foreign-key triggers off) or "serial" (one lane). */
  mode: "parallel" | "serial";
  /** Queues one COPY of `data` into `table`; resolves when the database has taken all of it. */
  copy(table: CopyTable, data: Uint8Array): Promise<void>;
  /** Total time lanes spent inside COPY statements, in ms. */
  busyMs(): number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};

type Lane = {
  run(table: CopyTable, data: Uint8Array): Promise<void>;
  /** Everything before COMMIT that can fail (index rebuilds), so all lanes can succeed before any commits. */
  prepare(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};

function laneQueue(lane: Lane, busy: { ms: number }): Lane {
  let tail: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  return {
    run(table, data) {
      const next = tail.then(async () => {
        if (failure) throw failure.error; // the transaction is aborted: later COPYs cannot succeed
        const started = performance.now();
        await lane.run(table, data);
        busy.ms += performance.now() - started;
      });
      tail = next.catch((error: unknown) => {
        failure ??= { error };
      });
      return next;
    },
    async prepare() {
      await tail;
      if (failure) throw failure.error;
      await lane.prepare();
    },
    commit: () => lane.commit(),
    rollback: () => lane.rollback(),
  };
}

function sinkFromLanes(lanes: Lane[], mode: CopySink["mode"], busy: { ms: number }): CopySink {
  const queued = lanes.map((lane) => laneQueue(lane, busy));
  const laneOf = (table: CopyTable) => queued[mode === "parallel" ? COPY_TABLES.indexOf(table) : 0];
  return {
    mode,
    copy: (table, data) => laneOf(table).run(table, data),
    busyMs: () => busy.ms,
    async commit() {
      await Promise.all(queued.map((lane) => lane.prepare()));
      for (const lane of queued) await lane.commit();
    },
    async rollback() {
      await Promise.all(queued.map((lane) => lane.rollback().catch(() => undefined)));
    },
  };
}

async function copyToClient(client: PoolClient, table: CopyTable, data: Uint8Array): Promise<void> {
  const stream = client.query(copyFrom(copyStatement(table)));
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
}

type IndexDef = { name: string; def: string };

/**
 * Drops the table's secondary indexes (all that back no constraint, so the primary key
 * stays) and returns their definitions for the rebuild. At 1M customers a sorted build
 * per index beat row-by-row maintenance, even for indexes whose keys arrive in order.
 */
async function dropSecondaryIndexes(client: PoolClient, table: CopyTable): Promise<IndexDef[]> {
  const { rows } = await client.query<IndexDef>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(i.relname) AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE x.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [`"${table}"`],
  );
  await client.query("SAVEPOINT drop_indexes");
  try {
    for (const index of rows) await client.query(`DROP INDEX ${index.name}`);
    return rows;
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT drop_indexes"); // not the owner: keep them, load row by row
    return [];
  }
}

async function beginPgLane(client: PoolClient, replica: boolean, rebuild: readonly CopyTable[]): Promise<Lane> {
  await client.query("BEGIN");
  if (replica) await client.query("SET LOCAL session_replication_role = replica");
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  const dropped: IndexDef[] = [];
  for (const table of rebuild) dropped.push(...(await dropSecondaryIndexes(client, table)));
  let done = false;
  return {
    run: (table, data) => copyToClient(client, table, data),
    async prepare() {
      // One sorted build per index is several times cheaper than millions of random B-tree inserts.
      for (const index of dropped) await client.query(index.def);
    },
    async commit() {
      await client.query("COMMIT");
      done = true;
      client.release();
    },
    async rollback() {
      if (done) return;
      done = true;
      // A connection that failed mid-COPY is not worth reusing: destroy it.
      await client.query("ROLLBACK").catch(() => undefined);
      client.release(true);
    },
  };
}

/** True when this session may switch foreign-key triggers off (superuser or equivalent). */
async function canDisableTriggers(client: PoolClient): Promise<boolean> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL session_replication_role = replica");
    return true;
  } catch {
    return false;
  } finally {
    await client.query("ROLLBACK");
  }
}

export type PostgresSinkOptions = {
  /** Caps the connections taken (1 forces serial mode). */
  maxLanes?: number;
  /** Tables whose secondary indexes are dropped for the load and rebuilt before commit (locks them meanwhile). */
  rebuildIndexes?: readonly CopyTable[];
};

/** A sink over connections from `pool`: parallel when foreign-key triggers may be switched off, else serial. */
export async function openPostgresSink(pool: Pool, options: PostgresSinkOptions = {}): Promise<CopySink> {
  const busy = { ms: 0 };
  const rebuild = options.rebuildIndexes ?? [];
  const first = await pool.connect();
  let replica: boolean;
  try {
    replica = await canDisableTriggers(first);
  } catch (error) {
    first.release(true);
    throw error;
  }
  // Keep a connection free for the caller's own queries.
  const poolMax = (pool.options as { max?: number }).max ?? 10;
  const parallel = replica && (options.maxLanes ?? COPY_TABLES.length) >= COPY_TABLES.length && poolMax > COPY_TABLES.length;
  const clients = [first];
  const lanes: Lane[] = [];
  try {
    if (parallel) {
      while (clients.length < COPY_TABLES.length) clients.push(await pool.connect());
      for (const [i, table] of COPY_TABLES.entries()) lanes.push(await beginPgLane(clients[i], true, rebuild.includes(table) ? [table] : []));
    } else {
      lanes.push(await beginPgLane(first, replica, rebuild));
    }
  } catch (error) {
    await Promise.all(lanes.map((lane) => lane.rollback()));
    for (const client of clients.slice(lanes.length)) client.release(true);
    throw error;
  }
  return sinkFromLanes(lanes, parallel ? "parallel" : "serial", busy);
}

/** A sink inside one PGlite transaction (PGlite has a single connection, so always serial). */
export async function openPgliteSink(pglite: PGlite): Promise<CopySink> {
  let decide: (commit: boolean) => void = () => undefined;
  const decided = new Promise<boolean>((resolve) => (decide = resolve));
  let opened: (tx: Transaction) => void = () => undefined;
  const transaction = new Promise<Transaction>((resolve) => (opened = resolve));
  // PGlite's transaction() owns BEGIN/COMMIT; the callback stays open until commit or rollback is decided.
  const finished = pglite.transaction(async (tx) => {
    await tx.exec("SET LOCAL session_replication_role = replica");
    opened(tx);
    if (!(await decided)) await tx.rollback();
  });
  const tx = await Promise.race([transaction, finished.then(() => Promise.reject(new Error("PGlite transaction ended early")))]);
  const lane: Lane = {
    async run(table, data) {
      await tx.query(copyStatement(table, "'/dev/blob'"), [], { blob: new Blob([data as Uint8Array<ArrayBuffer>]) });
    },
    prepare: async () => undefined,
    async commit() {
      decide(true);
      await finished;
    },
    async rollback() {
      decide(false);
      await finished.catch(() => undefined);
    },
  };
  return sinkFromLanes([lane], "serial", { ms: 0 });
}
